using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Marten;
using MediaMonitor.Contracts;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>
/// Operator entities on the real servers: POST /api/entities reaches EntityTagging over RabbitMQ and tags the next article
/// at once; POST /api/reprocessing tags the stored ones again, and Alerting files what they now match without pushing it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EntityReprocessingTests
{
    private const string Query = "entity:\"Eurasian Steppe Fund\"";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private const string OldText = """
        The Dala Fund said on Tuesday that it would pay for a new freight terminal near Almaty, the largest city of Kazakhstan.
        Officials of the Dala Fund told reporters the terminal would open in two years and employ about four hundred people.
        Railway managers welcomed the plan but warned that the customs posts on the Chinese border were already crowded.
        The regional governor said land for the terminal had been set aside last spring and that building could start soon.
        """;

    private const string NewText = """
        Grain traders in Kostanay met on Thursday to discuss export quotas after a wet harvest left much wheat unsold.
        The Dala Fund offered cheap loans to farmers who store their grain until prices recover, a spokeswoman said.
        Farm groups said the loans came too late for many growers who had already sold at a loss in the autumn.
        The agriculture ministry promised to review the quotas before the end of the month and to publish new figures.
        """;

    [Fact]
    public async Task An_entity_defined_through_the_api_tags_the_next_article_at_once_and_old_ones_after_reprocessing_without_a_second_push()
    {
        await using var outlet = await ArticleFeedSite.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync();
        var api = await pipeline.CreateTenantAsync();
        using var admin = pipeline.ServiceClient("Api");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Pipeline.AdminKey);
        (await api.PostAsJsonAsync("/api/subscriptions", new { name = "Steppe fund", query = Query, webhookUrl = webhook.Url.ToString() }))
            .EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/sources", new { url = outlet.FeedUrl.ToString() })).EnsureSuccessStatusCode();

        // An article from before anyone told the tagger about the fund.
        var oldArticle = StreamIdentity.ForArticle(outlet.Publish("dala-terminal", "Dala Fund to build freight terminal", OldText));
        var before = Assert.Single(await WaitForTagsAsync(pipeline, oldArticle, 1));
        Assert.DoesNotContain(before.Entities, e => e.Name == "Eurasian Steppe Fund");

        // The definition travels Api -> event store -> RabbitMQ -> EntityTagging; the next article is tagged with it.
        (await admin.PostAsJsonAsync("/api/entities", new { name = "Eurasian Steppe Fund", type = "ORG", aliases = new[] { "Dala Fund", "ESF" } }))
            .EnsureSuccessStatusCode();
        var newArticle = StreamIdentity.ForArticle(outlet.Publish("grain-loans", "Cheap loans for grain stored until spring", NewText));
        var live = Assert.Single(await WaitForTagsAsync(pipeline, newArticle, 1));
        Assert.Contains("Dala Fund", Assert.Single(live.Entities, e => e.Name == "Eurasian Steppe Fund").SurfaceForms);
        Assert.Null(live.ReprocessingId);
        await Eventually.Until(() => Task.FromResult(webhook.Posts.Count), n => n >= 1, Timeout, "the live alert's webhook POST");

        // Another alias changes the alias set, so both stored articles are tagged again.
        (await admin.PostAsJsonAsync("/api/entities", new { name = "Eurasian Steppe Fund", type = "ORG", aliases = new[] { "Steppe Fund of Eurasia" } }))
            .EnsureSuccessStatusCode();
        var body = new { from = DateTimeOffset.UtcNow.AddDays(-1), to = DateTimeOffset.UtcNow.AddMinutes(1), key = "after-steppe-fund" };
        var accepted = await admin.PostAsJsonAsync("/api/reprocessing", body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var requestId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/reprocessing", body)).StatusCode);

        var status = await Eventually.Until(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/reprocessing/{requestId}"),
            s => s.GetProperty("state").GetString() == "completed", Timeout, "the reprocessing request completed");
        Assert.Equal(2, status.GetProperty("completed").GetProperty("retagged").GetInt32());
        // The request ran as a job: its progress is at the address the 202 gave, done = total; a tenant key does not see it.
        Assert.Equal($"/api/jobs/{requestId}", accepted.Headers.Location?.OriginalString);
        var job = await admin.GetFromJsonAsync<JsonElement>($"/api/jobs/{requestId}");
        Assert.Equal(("completed", "reprocessing"), (job.GetProperty("state").GetString(), job.GetProperty("kind").GetString()));
        Assert.Equal(job.GetProperty("total").GetInt64(), job.GetProperty("done").GetInt64());
        Assert.Equal(2, job.GetProperty("counters").GetProperty("retagged").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(new Uri($"/api/jobs/{requestId}", UriKind.Relative))).StatusCode);
        var again = await admin.PostAsJsonAsync("/api/reprocessing", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(requestId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid());

        var after = await TagsAsync(pipeline, oldArticle);
        Assert.Equal(2, after.Count);
        Assert.Equal(requestId, after[^1].ReprocessingId);
        Assert.NotEqual(before.TaggerVersion, after[^1].TaggerVersion);
        Assert.Contains("Dala Fund", Assert.Single(after[^1].Entities, e => e.Name == "Eurasian Steppe Fund").SurfaceForms);

        // The old article's new match is filed like a backfill; the live article's alert is not pushed again.
        var alerts = await Eventually.Until(() => AlertsRaisedAsync(pipeline), a => a.Count >= 2, Timeout, "an alert for the re-tagged article");
        Assert.Single(alerts, a => a.FirstArticleId == oldArticle && a.Backfilled);
        Assert.Single(alerts, a => a.FirstArticleId == newArticle && !a.Backfilled);
        // Quiet: both articles' first and re-run tags and the live alert have reached Alerting's consumers (the relay does
        // not publish the backfilled one); a second POST would be out.
        await pipeline.ConsumedBy("Alerting").WaitForAsync<EntitiesTagged>(4, Timeout);
        await pipeline.ConsumedBy("Alerting").WaitForAsync<AlertRaised>(1, Timeout);
        Assert.Single(webhook.Posts);
        Assert.Equal(2, (await AlertsRaisedAsync(pipeline)).Count);
    }

    private static Task<List<EntitiesTagged>> WaitForTagsAsync(Pipeline pipeline, Guid articleId, int count) =>
        Eventually.Until(() => TagsAsync(pipeline, articleId), t => t.Count >= count, Timeout, $"article {articleId} tagged");

    private static async Task<List<EntitiesTagged>> TagsAsync(Pipeline pipeline, Guid articleId)
    {
        await using var session = pipeline.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(articleId)).Select(e => e.Data).OfType<EntitiesTagged>().ToList();
    }

    private static async Task<List<AlertRaised>> AlertsRaisedAsync(Pipeline pipeline)
    {
        await using var session = pipeline.Store.QuerySession();
        return [.. await session.Events.QueryRawEventDataOnly<AlertRaised>().ToListAsync()];
    }
}
