namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>
/// Run batch number <paramref name="Batch"/> of job <paramref name="JobId"/> from its saved checkpoint. Sent to the
/// kind's queue (durable); a copy whose number is not the document's next batch is ignored, so nothing runs twice.
/// </summary>
public sealed record RunJobBatch(Guid JobId, int Batch);
