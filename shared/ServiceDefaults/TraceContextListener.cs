using System.Diagnostics;
using Marten;

namespace MediaMonitor.ServiceDefaults;

/// <summary>Stamps every appended event with the W3C trace context, so the relay continues the same trace across the broker.</summary>
internal sealed class TraceContextListener : DocumentSessionListenerBase
{
    public const string TraceParentHeader = "traceparent";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return Task.CompletedTask;
        }

        // Session-level headers are copied onto events when they are appended, which is before this point,
        // so the header goes onto each pending event directly.
        foreach (var stream in session.PendingChanges.Streams())
        {
            foreach (var @event in stream.Events)
            {
                if (@event.GetHeader(TraceParentHeader) is null)
                {
                    @event.SetHeader(TraceParentHeader, activity.Id!);
                }
            }
        }

        return Task.CompletedTask;
    }
}
