using MediaMonitor.Alerting.Digests;

namespace MediaMonitor.Alerting.Tests.Digests;

/// <summary>What a digest lists and how it reads: stories of the period with copy counts and outlets, the most copied first.</summary>
public sealed class DigestContentTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 7, 0, 0, TimeSpan.Zero);
    private static readonly Guid SubscriptionId = Guid.NewGuid();

    private static readonly Subscription Subscription = new(SubscriptionId, "t", "Kazakhstan watch", "NATO Kazakhstan", QueryParser.Parse("NATO Kazakhstan").Query!,
        null, Delivery: new SubscriptionDelivery(Digest: new DigestSchedule(DigestFrequency.Daily, 8, 0, "Europe/Berlin")));

    private static AlertRaised Raised(string title, string outlet, int minutes, bool backfilled = false) =>
        new(Guid.NewGuid(), SubscriptionId, "t", Guid.NewGuid(), Guid.NewGuid(), $"https://{outlet.ToLowerInvariant().Replace(' ', '-')}.example/{minutes}", title,
            outlet, Start.AddMinutes(minutes), "test", backfilled);

    private static AlertUpdated Copy(AlertRaised of, string outlet, int copies) => new(of.AlertId, Guid.NewGuid(), outlet, copies, 0, of.RaisedAt.AddMinutes(5));

    [Fact]
    public void Stories_are_listed_with_their_copies_and_outlets_the_most_copied_first_without_backfilled_ones()
    {
        var quiet = Raised("Quiet story", "Outlet One", 10);
        var big = Raised("Big story", "Outlet Two", 20);
        var backfilled = Raised("Old story", "Outlet One", 30, backfilled: true);

        var items = DigestContent.Items([quiet, big, backfilled], [Copy(big, "Outlet One", 2), Copy(big, "Outlet Three", 3), Copy(big, "Outlet One", 4)], 50);

        Assert.Equal(["Big story", "Quiet story"], items.Select(i => i.Title));
        Assert.Equal(4, items[0].Copies);
        Assert.Equal(["Outlet One", "Outlet Three", "Outlet Two"], items[0].Outlets);
        Assert.Equal((1, 1), (items[1].Copies, items[1].Outlets.Count));
    }

    [Fact]
    public void A_digest_lists_at_most_the_configured_number_of_stories() =>
        Assert.Equal(2, DigestContent.Items(Enumerable.Range(0, 5).Select(i => Raised($"Story {i}", "Outlet One", i)), [], 2).Count);

    [Fact]
    public void The_digest_message_shows_the_period_in_the_subscribers_zone_and_each_story_with_its_coverage()
    {
        var big = Raised("Big & bold story", "Outlet Two", 20);
        var items = DigestContent.Items([big], [Copy(big, "Outlet One", 2)], 50);
        var digest = new DigestCompiled(Guid.NewGuid(), SubscriptionId, "t", DigestFrequency.Daily, Start, Start.AddDays(1), items, Start.AddDays(1));

        var message = DigestMessage.Compose(digest, Subscription)!;

        Assert.Equal("Kazakhstan watch: daily digest, 1 story", message.Subject);
        Assert.Contains("2026-11-28 08:00 - 2026-11-29 08:00 (Europe/Berlin)", message.Text, StringComparison.Ordinal);
        Assert.Contains("1. Big & bold story", message.Text, StringComparison.Ordinal);
        Assert.Contains("2 copies in 2 outlets: Outlet One, Outlet Two", message.Text, StringComparison.Ordinal);
        Assert.Contains("Big &amp; bold story</a>", message.Html, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(message.Json);
        Assert.Equal("digest", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("stories")[0].GetProperty("copies").GetInt32());
        Assert.Equal(digest.DigestId.ToString(), message.IdempotencyKey);
    }

    [Fact]
    public void An_empty_digest_has_nothing_to_send() =>
        Assert.Null(DigestMessage.Compose(new DigestCompiled(Guid.NewGuid(), SubscriptionId, "t", DigestFrequency.Hourly, Start, Start.AddHours(1), [], Start), Subscription));
}
