namespace MediaMonitor.EntityTagging.Tests;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Mendkovich", "Mendkovic")]
    [InlineData("Mendkovich", "Mendkovič")]
    [InlineData("Dmitry", "Dmitri")]
    [InlineData("Dmitriy", "Dmitri")]
    [InlineData("Timofeev", "Timofeyev")]
    [InlineData("Tchaikovsky", "Chaikovski")]
    [InlineData("Zelensky", "Zelenskyy")]
    [InlineData("Dmitry Peskov", "DMITRI PESKOV")]
    public void Transliteration_variants_share_one_key(string a, string b) => Assert.Equal(NameKey.Of(a), NameKey.Of(b));

    [Theory]
    [InlineData("Peskov", "Suslov")]
    [InlineData("Ivan", "Iran")]
    [InlineData("Mendkovich", "Mendeleev")]
    public void Different_names_keep_different_keys(string a, string b) => Assert.NotEqual(NameKey.Of(a), NameKey.Of(b));
}
