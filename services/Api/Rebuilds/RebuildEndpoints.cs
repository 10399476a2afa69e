using MediaMonitor.Api.Http;
using MediaMonitor.Api.Security;

namespace MediaMonitor.Api.Rebuilds;

/// <summary>
/// POST /api/rebuilds/{name} and GET /api/rebuilds/{name} (admin key): rebuild one of the Api's read models from the
/// events while the Api keeps serving, and follow it (done/total events, rate, time left). GET /api/rebuilds lists the
/// read models. deploy/local/replay.sh rebuild NAME calls these.
/// </summary>
public static class RebuildEndpoints
{
    public static void MapRebuildEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/rebuilds").RequireAuthorization(TenantPrincipal.AdminPolicy).WithTags("Rebuilds");
        group.MapGet("", (ReadModelRebuilds rebuilds, TimeProvider clock) =>
                Results.Ok(ReadModelRebuilds.ReadModels.Select(m => new { m.Name, m.Description, rebuild = Describe(rebuilds.Current(m.Name), clock) })))
            .WithSummary("The read models that can be rebuilt and each one's last rebuild.");
        group.MapPost("/{name}", StartAsync)
            .WithSummary("Rebuilds the read model from the events (202); while one runs, answers it (200). 409 when this replica does not run the projection.");
        group.MapGet("/{name}", (string name, ReadModelRebuilds rebuilds, TimeProvider clock) =>
                Find(name) is null ? ApiProblems.NotFound(UnknownMessage(name))
                : rebuilds.Current(name) is { } rebuild ? Results.Ok(Describe(rebuild, clock))
                : ApiProblems.NotFound($"no rebuild of {name} since this Api started"))
            .WithSummary("The rebuild's state, events done and in total, rate and time left.");
    }

    internal static async Task<IResult> StartAsync(string name, ReadModelRebuilds rebuilds, TimeProvider clock, CancellationToken ct)
    {
        if (Find(name) is not { } readModel)
        {
            return ApiProblems.NotFound(UnknownMessage(name));
        }

        try
        {
            var (rebuild, started) = await rebuilds.StartAsync(readModel, ct);
            return started ? Results.Accepted($"/api/rebuilds/{name}", Describe(rebuild, clock)) : Results.Ok(Describe(rebuild, clock));
        }
        catch (ReplicaNotProjectingException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    private static RebuildableReadModel? Find(string name) => ReadModelRebuilds.ReadModels.FirstOrDefault(m => m.Name == name);

    private static string UnknownMessage(string name) =>
        $"no read model {name}; one of: {string.Join(", ", ReadModelRebuilds.ReadModels.Select(m => m.Name))}";

    private static object? Describe(ReadModelRebuild? rebuild, TimeProvider clock)
    {
        if (rebuild is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var rate = rebuild.EventsPerSecond(now);
        double? left = rebuild.State == "running" && rate > 0 ? Math.Max(0, rebuild.Total - rebuild.Done) / rate : null;
        return new
        {
            rebuild.Name, rebuild.State, rebuild.Done, rebuild.Total, rebuild.StartedAt, rebuild.FinishedAt, rebuild.Error,
            EventsPerSecond = Math.Round(rate, 1), SecondsLeft = left is { } l ? Math.Round(l, 1) : (double?)null,
        };
    }
}
