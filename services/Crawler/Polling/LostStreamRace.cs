namespace MediaMonitor.Crawler.Polling;

/// <summary>Recognises the exceptions Marten throws when another replica already started or extended the same stream.</summary>
internal static class LostStreamRace
{
    public static bool Is(Exception ex) =>
        ex is JasperFx.ConcurrencyException
        || ex.GetType().Name is "ExistingStreamIdCollisionException" or "EventStreamUnexpectedMaxEventIdException" or "ConcurrentUpdateException"
        || (ex.InnerException is { } inner && Is(inner));
}
