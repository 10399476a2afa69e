using MediaMonitor.Contracts;
using MediaMonitor.EntityTagging.Linking;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging;

/// <summary>Tags one article: tokenise title and text, recognise mentions, link them to canonical entities.</summary>
public sealed class ArticleTagger(IEntityRecognizer recognizer, EntityLinker linker)
{
    public string Version => recognizer.Version;

    public IReadOnlyList<TaggedEntity> Tag(string title, string text)
    {
        var sentences = NerTokenizer.Sentences(title + "\n" + text)
            .Select(s => (IReadOnlyList<string>)s.Select(t => t.Text).ToList())
            .ToList();
        var mentions = recognizer.Recognise(sentences);
        return linker.Link(mentions, sentences);
    }
}
