using JasperFx;

namespace MediaMonitor.ServiceDefaults;

/// <summary>
/// Recognises a lost write race in Marten: another writer (a replica, a redelivered copy, a concurrent request) started
/// the same stream, appended to it past the expected version, or wrote the same document first. The one place every
/// service asks "did somebody else win?"; anything else stays a real failure.
/// </summary>
public static class WriteConflict
{
    /// <summary>True when the exception, or any exception it wraps, is a lost write race.</summary>
    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (IsConflict(e))
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConflict(Exception e) => e
        // An append at an expected version that is no longer the stream's (EventStreamUnexpectedMaxEventIdException) and a
        // document written with optimistic concurrency meanwhile both derive from ConcurrencyException.
        is ConcurrencyException
        // A stream started twice with the same id: Marten throws its own type; JasperFx has one of the same name.
        or Marten.Exceptions.ExistingStreamIdCollisionException
        or JasperFx.Events.ExistingStreamIdCollisionException
        // A document inserted twice with the same id.
        or DocumentAlreadyExistsException
        // PostgreSQL refused a row another transaction changed at the same time ("could not serialize access").
        or Marten.Exceptions.ConcurrentUpdateException;
}
