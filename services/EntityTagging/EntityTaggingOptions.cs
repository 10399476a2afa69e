using MediaMonitor.EntityTagging.Gazetteers;

namespace MediaMonitor.EntityTagging;

/// <summary>Settings bound from the EntityTagging section (EntityTagging__DataDirectory ...).</summary>
public sealed class EntityTaggingOptions
{
    /// <summary>Where the gazetteer and model files are; defaults to the Data folder beside the service's binaries.</summary>
    public string DataDirectory { get; set; } = GazetteerFiles.DefaultDirectory;

    /// <summary>How long a reprocessing job waits for the article read model to catch up before its first batch (then it retries).</summary>
    public int ReprocessingProjectionWaitSeconds { get; set; } = 60;
}
