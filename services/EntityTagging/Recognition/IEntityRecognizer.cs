namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>Finds entity mentions in tokenised sentences.</summary>
public interface IEntityRecognizer
{
    /// <summary>Recorded in EntitiesTagged.TaggerVersion so reprocessing can tell old results from new.</summary>
    string Version { get; }

    List<Mention> Recognise(IReadOnlyList<IReadOnlyList<string>> sentences);
}
