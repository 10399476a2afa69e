using Marten;
using Marten.Services;

namespace MediaMonitor.ServiceDefaults.Daemon;

/// <summary>Requests an <see cref="AppendAnnouncement"/> after every session commit that appended events.</summary>
internal sealed class CommittedEventsListener(AppendAnnouncement announcement) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any())
        {
            announcement.Request();
        }

        return Task.CompletedTask;
    }
}
