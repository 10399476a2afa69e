using MediaMonitor.ServiceDefaults.Jobs;

namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class JobEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task A_tenant_sees_only_its_own_jobs_and_another_tenants_job_is_not_found_while_the_admin_sees_every_job()
    {
        var (tenantA, clientA, _) = await api.NewTenantAsync("Jobs A");
        var (tenantB, clientB, _) = await api.NewTenantAsync("Jobs B");
        var jobA = await StoreAsync(tenantA, JobState.Running, total: 400, done: 100);
        var jobB = await StoreAsync(tenantB, JobState.Completed, total: 5, done: 5);
        var operatorJob = await StoreAsync(null, JobState.Running, total: 10, done: 0);

        var listA = await clientA.GetFromJsonAsync<JsonElement>("/api/jobs");
        Assert.Equal([jobA.Id], listA.EnumerateArray().Select(j => j.GetProperty("id").GetGuid()).ToList());
        var a = await clientA.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobA.Id}");
        Assert.Equal(("running", 100L, 400L), (a.GetProperty("state").GetString(), a.GetProperty("done").GetInt64(), a.GetProperty("total").GetInt64()));
        Assert.Equal(10.0, a.GetProperty("ratePerSecond").GetDouble()); // 100 items in the 10 s since it started
        Assert.Equal(30.0, a.GetProperty("secondsLeft").GetDouble());

        foreach (var path in new[] { $"/api/jobs/{jobB.Id}", $"/api/jobs/{operatorJob.Id}", $"/api/jobs/{Guid.NewGuid()}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await clientA.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await clientB.PostAsync(new Uri($"/api/jobs/{jobA.Id}/cancel", UriKind.Relative), null)).StatusCode);
        Assert.Equal(JobState.Running, (await LoadAsync(jobA.Id))!.State);

        using var admin = api.Client(ApiFixture.AdminKey);
        var all = (await admin.GetFromJsonAsync<JsonElement>("/api/jobs?limit=500")).EnumerateArray().Select(j => j.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(jobA.Id, all);
        Assert.Contains(jobB.Id, all);
        Assert.Contains(operatorJob.Id, all);
        var completed = (await admin.GetFromJsonAsync<JsonElement>("/api/jobs?state=completed&limit=500")).EnumerateArray()
            .Select(j => j.GetProperty("state").GetString()).Distinct().ToList();
        Assert.Equal(["completed"], completed);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(new Uri("/api/jobs?state=paused", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_running_job_is_cancelled_and_resumed_from_where_it_stopped_and_a_completed_one_is_neither()
    {
        var (tenant, client, _) = await api.NewTenantAsync("Jobs C");
        var running = await StoreAsync(tenant, JobState.Running, total: 400, done: 100);
        var completed = await StoreAsync(tenant, JobState.Completed, total: 5, done: 5);

        var cancel = await client.PostAsync(new Uri($"/api/jobs/{running.Id}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(JobState.Cancelled, (await LoadAsync(running.Id))!.State);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(new Uri($"/api/jobs/{running.Id}/cancel", UriKind.Relative), null)).StatusCode);

        var resume = await client.PostAsync(new Uri($"/api/jobs/{running.Id}/resume", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        var resumed = (await LoadAsync(running.Id))!;
        Assert.Equal((JobState.Running, 100L, "p100", 100L), (resumed.State, resumed.Done, resumed.Checkpoint, resumed.DoneAtRunStart));

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(new Uri($"/api/jobs/{completed.Id}/resume", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(new Uri($"/api/jobs/{completed.Id}/cancel", UriKind.Relative), null)).StatusCode);
    }

    private async Task<JobDocument> StoreAsync(string? tenantId, JobState state, long total, long done)
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-10);
        // A kind no service runs, so a resume's batch message waits in its queue and nothing changes the document meanwhile.
        var job = JobDocument.Start(Guid.NewGuid(), "endpoint-test", tenantId, new Dictionary<string, string> { ["window"] = "7d" }, started) with
        {
            Total = total,
            Done = done,
            Batch = (int)(done / 100),
            Checkpoint = "p" + done,
            State = state,
            UpdatedAt = started.AddSeconds(10),
        };
        await using var session = api.Store.LightweightSession();
        session.Insert(job);
        await session.SaveChangesAsync();
        return job;
    }

    private async Task<JobDocument?> LoadAsync(Guid id)
    {
        await using var session = api.Store.QuerySession();
        return await session.LoadAsync<JobDocument>(id);
    }
}
