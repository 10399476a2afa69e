using System.Diagnostics.Metrics;
using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Logging;

namespace MediaMonitor.ServiceDefaults.Daemon;

/// <summary>
/// Hands a projection or subscription shard that stopped itself back to Marten's projection coordinator. The daemon
/// stops a shard for good (status Stopped, left registered) when writing its progress finds another process moved it
/// first (ProgressionProgressOutOfOrderException): after a PostgreSQL restart ends the session holding a HotCold
/// advisory lock, a second process (the Api, Alerting and EntityTagging all run articles:All) takes the lock while the
/// first still runs the shard, and one of the two stops. Marten 9's coordinator restarts only missing or paused shards,
/// so a stopped one stays registered and dead in the process that holds its lock, and the read model it feeds stops
/// advancing until that process restarts. Each round this removes such a shard from the daemon (it is already disposed);
/// the coordinator's next leadership round starts it again from its stored progress if this process holds its lock, and
/// otherwise the process that holds the lock runs it.
/// </summary>
public sealed partial class StoppedShardRecovery(
    IProjectionCoordinator coordinator, EventStoreSettings settings, TimeProvider clock, ILogger<StoppedShardRecovery> logger, ServiceTelemetry? telemetry = null)
    : PeriodicWork(clock, logger)
{
    private readonly Counter<long>? _restarts = telemetry?.Meter.CreateCounter<long>(
        "mediamonitor.daemon.shard_restarts", "{shard}", "Projection or subscription shards the daemon had stopped for good, handed back to the coordinator to start again");

    protected override TimeSpan Period => TimeSpan.FromSeconds(Math.Max(1, settings.StoppedShardCheckSeconds));

    protected override string FailureMessage => "Looking for stopped projection shards failed";

    /// <summary>How many stopped shards this process has handed back since it started.</summary>
    public long Restarted => Interlocked.Read(ref _restarted);

    private long _restarted;

    protected override Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var daemon = coordinator.DaemonForMainDatabase();
        foreach (var agent in daemon.CurrentAgents())
        {
            // A shard stopped on purpose (StopAgentAsync, a rebuild) leaves the daemon's registry; one left registered as
            // Stopped with a failure stopped itself.
            if (agent.Status != AgentStatus.Stopped || agent.Failure is not { } failure)
            {
                continue;
            }

            var shard = agent.Name.Identity;
            LogRestarting(logger, shard, agent.Position, failure.ExceptionType, failure.Message);
            daemon.EjectPausedShard(shard);
            Interlocked.Increment(ref _restarted);
            _restarts?.Add(1, new KeyValuePair<string, object?>("shard", shard));
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Projection shard {Shard} stopped itself at event {Position} ({ExceptionType}: {Reason}); handing it back to the coordinator to start again from its stored progress")]
    private static partial void LogRestarting(ILogger logger, string shard, long position, string exceptionType, string reason);
}
