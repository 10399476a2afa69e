using System.Globalization;
using MediaMonitor.Contracts.Api;

namespace MediaMonitor.ServiceDefaults.Jobs;

/// <summary>
/// The reprocessing job of a ReprocessingRequested (the job id is the request id): the Api stores it with the request,
/// EntityTagging stores it if the request came another way; both build it here so they agree.
/// </summary>
public static class ReprocessingJobs
{
    public static JobDocument For(ReprocessingRequested request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new Dictionary<string, string>
        {
            ["from"] = request.From.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = request.To.ToString("O", CultureInfo.InvariantCulture),
            ["requestedBy"] = request.RequestedBy,
        };
        if (request.EntityId is { Length: > 0 } entityId)
        {
            parameters["entityId"] = entityId;
        }

        return JobDocument.Start(request.RequestId, JobKinds.Reprocessing, tenantId: null, parameters, request.RequestedAt);
    }

    /// <summary>The range and entity a reprocessing job's parameters hold.</summary>
    public static (DateTimeOffset From, DateTimeOffset To, string? EntityId) Range(JobDocument job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return (DateTimeOffset.Parse(job.Parameters["from"], CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(job.Parameters["to"], CultureInfo.InvariantCulture),
            job.Parameters.GetValueOrDefault("entityId"));
    }
}
