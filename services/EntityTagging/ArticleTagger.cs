using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Linking;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging;

/// <summary>
/// Tags one article: tokenise title and text, recognise mentions, link them to canonical entities and, when it has the
/// gazetteer, record each entity's aliases. Its version names the model and, with the gazetteer, the operator alias set in
/// force ("...;aliases=0" before any EntityDefined).
/// </summary>
public sealed class ArticleTagger(IEntityRecognizer recognizer, EntityLinker linker, Gazetteer? gazetteer = null)
{
    public string Version => gazetteer is null ? recognizer.Version : recognizer.Version + ";aliases=" + gazetteer.OperatorVersion;

    public IReadOnlyList<TaggedEntity> Tag(string title, string text)
    {
        var sentences = NerTokenizer.Sentences(title + "\n" + text)
            .Select(s => (IReadOnlyList<string>)s.Select(t => t.Text).ToList())
            .ToList();
        var mentions = recognizer.Recognise(sentences);
        var entities = linker.Link(mentions, sentences);
        return gazetteer is null ? entities : EntityAliases.Record(entities, gazetteer);
    }

    /// <summary>Tags and names the version that did it: tags again if an operator definition arrived meanwhile.</summary>
    public (IReadOnlyList<TaggedEntity> Entities, string Version) TagVersioned(string title, string text)
    {
        for (var attempt = 0; ; attempt++)
        {
            var version = Version;
            var entities = Tag(title, text);
            if (version == Version || attempt == 3)
            {
                return (entities, version);
            }
        }
    }
}
