using System.Net.Http.Headers;
using Marten;
using MediaMonitor.Contracts;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>
/// An entity filter on the real servers catches an article under an alias the article never uses: the tagger records the
/// linked entity's aliases (operator and shipped gazetteer names) in EntitiesTagged, and Alerting matches on them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EntityAliasAlertTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private const string Text = """
        The Dala Fund said on Tuesday that it would pay for a new freight terminal near Almaty, the largest city of Kazakhstan.
        Officials of the Dala Fund told reporters the terminal would open in two years and employ about four hundred people.
        A NATO liaison officer attended the ceremony, and railway managers welcomed the plan.
        The regional governor said land for the terminal had been set aside last spring and that building could start soon.
        """;

    [Fact]
    public async Task A_subscription_naming_an_entity_by_an_alias_the_article_does_not_contain_gets_the_alert()
    {
        await using var outlet = await ArticleFeedSite.StartAsync();
        await using var byOperatorAlias = await WebhookReceiver.StartAsync();
        await using var byShippedAlias = await WebhookReceiver.StartAsync();
        await using var wrongKind = await WebhookReceiver.StartAsync();
        await using var pipeline = await Pipeline.StartAsync();
        var api = await pipeline.CreateTenantAsync();
        using var admin = pipeline.ServiceClient("Api");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Pipeline.AdminKey);
        (await admin.PostAsJsonAsync("/api/entities", new { name = "Eurasian Steppe Fund", type = "ORG", aliases = new[] { "Dala Fund", "Steppe Fund of Eurasia" } }))
            .EnsureSuccessStatusCode();
        foreach (var (query, hook) in new[]
        {
            ("entity:\"Steppe Fund of Eurasia\"", byOperatorAlias),
            ("org:\"North Atlantic Treaty Organization\" AND Almaty", byShippedAlias),
            ("person:\"Steppe Fund of Eurasia\"", wrongKind),
        })
        {
            (await api.PostAsJsonAsync("/api/subscriptions", new { name = query, query, webhookUrl = hook.Url.ToString() })).EnsureSuccessStatusCode();
        }

        (await api.PostAsJsonAsync("/api/sources", new { url = outlet.FeedUrl.ToString() })).EnsureSuccessStatusCode();
        var article = StreamIdentity.ForArticle(outlet.Publish("dala-terminal", "Dala Fund to build freight terminal", Text));

        var tagged = await Eventually.Until(() => TagsAsync(pipeline, article), t => t is not null, Timeout, "the article tagged");
        var fund = Assert.Single(tagged!.Entities, e => e.Name == "Eurasian Steppe Fund");
        Assert.Equal(["Dala Fund"], fund.SurfaceForms);
        Assert.Contains("Steppe Fund of Eurasia", fund.Aliases!);
        Assert.Contains("North Atlantic Treaty Organization", Assert.Single(tagged.Entities, e => e.EntityId == "org:nato").Aliases!);
        Assert.DoesNotContain("Steppe Fund of Eurasia", Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("North Atlantic", Text, StringComparison.OrdinalIgnoreCase);

        await Eventually.Until(() => Task.FromResult(byOperatorAlias.Posts.Count + byShippedAlias.Posts.Count), n => n >= 2, Timeout,
            "both alias subscriptions' webhook POSTs");
        Assert.Single(byOperatorAlias.Posts);
        Assert.Single(byShippedAlias.Posts);
        Assert.Equal(2, (await AlertsRaisedAsync(pipeline)).Count(a => a.FirstArticleId == article && !a.Backfilled));
        Assert.Empty(wrongKind.Posts);
    }

    private static async Task<EntitiesTagged?> TagsAsync(Pipeline pipeline, Guid articleId)
    {
        await using var session = pipeline.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(articleId)).Select(e => e.Data).OfType<EntitiesTagged>().FirstOrDefault();
    }

    private static async Task<List<AlertRaised>> AlertsRaisedAsync(Pipeline pipeline)
    {
        await using var session = pipeline.Store.QuerySession();
        return [.. await session.Events.QueryRawEventDataOnly<AlertRaised>().ToListAsync()];
    }
}
