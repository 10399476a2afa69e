namespace MediaMonitor.EntityTagging.Tests;

public sealed class NameHeadsTests
{
    private static string[] Heads(string sentence) => NameHeads.Of(sentence.Split(' ')).Select(h => h ?? "-").ToArray();

    [Fact]
    public void A_capitalised_name_ending_in_an_organisation_word_marks_each_of_its_tokens_with_their_position()
    {
        Assert.Equal(["-", "-", "-", "org|B", "org|I", "org|L", "-"], Heads("He heads the Eurasian Analytical Club ."));
    }

    [Fact]
    public void An_event_word_heads_a_name_before_a_connector()
    {
        Assert.Equal(["-", "-", "event|B", "event|I", "event|L", "-"], Heads("after the Battle of Antietam ended"));
    }

    [Fact]
    public void Names_without_a_head_word_and_single_words_are_not_marked()
    {
        Assert.All(Heads("Angela Carder met Club officials in Paris"), h => Assert.Equal("-", h));
    }
}
