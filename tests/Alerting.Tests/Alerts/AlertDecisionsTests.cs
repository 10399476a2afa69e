using MediaMonitor.Alerting.Alerts;

namespace MediaMonitor.Alerting.Tests.Alerts;

/// <summary>Throttling per story as given events / when an article matches / then events.</summary>
public sealed class AlertDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly Subscription Subscription =
        new(Guid.NewGuid(), "tenant-a", "Kazakhstan", "NATO Kazakhstan", QueryParser.Parse("NATO Kazakhstan").Query!, null);

    private static readonly Guid Story = Guid.NewGuid();
    private static readonly Guid AlertId = StreamIdentity.ForAlert(Subscription.Id, Story);

    private static ArticleFacts Article(string url, string outlet) =>
        new(StreamIdentity.ForArticle(url), "NATO in Kazakhstan", "Text", url, outlet, Story, null, []);

    private static IReadOnlyList<object> When(IEnumerable<object> given, ArticleFacts article) =>
        AlertDecisions.Decide(AlertState.From(AlertId, given), Subscription, article, Now, "test");

    [Fact]
    public void First_matching_article_of_a_story_raises_the_alert()
    {
        var article = Article("https://a.example/1", "A");

        var then = When([], article);

        var raised = Assert.IsType<AlertRaised>(Assert.Single(then));
        Assert.Equal((AlertId, Story, article.ArticleId, "A"), (raised.AlertId, raised.StoryId, raised.FirstArticleId, raised.Outlet));
    }

    [Fact]
    public void The_raised_alert_records_whether_the_subscription_had_a_channel_to_push_it_on()
    {
        var article = Article("https://a.example/1", "A");
        bool? Raised(Subscription subscription) =>
            Assert.IsType<AlertRaised>(Assert.Single(AlertDecisions.Decide(AlertState.From(AlertId, []), subscription, article, Now, "test"))).HasPushChannel;

        Assert.False(Raised(Subscription));
        Assert.True(Raised(Subscription with { WebhookUrl = "https://hooks.example/a" }));
        Assert.True(Raised(Subscription with { Delivery = new SubscriptionDelivery(Email: "analyst@example.org") }));
        Assert.True(Raised(Subscription with { Delivery = new SubscriptionDelivery(SlackHost: "hooks.slack.com") }));
        Assert.False(Raised(Subscription with { WebhookUrl = "https://hooks.example/a", Delivery = new SubscriptionDelivery(Immediate: false) }));
    }

    [Fact]
    public void A_later_copy_updates_the_alert_instead_of_raising_another()
    {
        var first = Article("https://a.example/1", "A");
        var given = When([], first);

        var then = When(given, Article("https://b.example/1", "B"));

        var updated = Assert.IsType<AlertUpdated>(Assert.Single(then));
        Assert.Equal((2, 2), (updated.Copies, updated.Outlets));
    }

    [Fact]
    public void A_second_copy_from_the_same_outlet_counts_a_copy_but_not_an_outlet()
    {
        var given = When([], Article("https://a.example/1", "A"));

        var updated = Assert.IsType<AlertUpdated>(Assert.Single(When(given, Article("https://a.example/2", "a"))));

        Assert.Equal((2, 1), (updated.Copies, updated.Outlets));
    }

    [Fact]
    public void An_article_already_counted_changes_nothing()
    {
        var first = Article("https://a.example/1", "A");
        var second = Article("https://b.example/1", "B");
        var given = When([], first).Concat(When(When([], first), second)).ToList();

        Assert.Empty(When(given, first));
        Assert.Empty(When(given, second));
    }

    [Fact]
    public void Delivery_outcomes_do_not_disturb_the_copy_count()
    {
        var given = When([], Article("https://a.example/1", "A")).Append(new AlertDeliveryFailed(AlertId, "webhook", 1, "503", Now))
            .Append(new AlertDelivered(AlertId, "webhook", 2, Now)).ToList();

        var updated = Assert.IsType<AlertUpdated>(Assert.Single(When(given, Article("https://c.example/1", "C"))));

        Assert.Equal(2, updated.Copies);
    }
}
