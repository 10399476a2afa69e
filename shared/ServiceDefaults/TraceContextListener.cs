using System.Diagnostics;
using Marten;

namespace MediaMonitor.ServiceDefaults;

/// <summary>Stamps every appended event with the W3C trace context, so the relay continues the same trace across the broker.</summary>
internal sealed class TraceContextListener : DocumentSessionListenerBase
{
    public const string TraceParentHeader = "traceparent";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is { } activity && activity.IdFormat == ActivityIdFormat.W3C)
        {
            session.SetHeader(TraceParentHeader, activity.Id!);
            session.CorrelationId ??= activity.TraceId.ToString();
        }

        return Task.CompletedTask;
    }
}
