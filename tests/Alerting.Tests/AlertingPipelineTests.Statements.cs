using System.Collections.Concurrent;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaMonitor.Alerting.Tests;

public sealed partial class AlertingPipelineTests
{
    [Fact]
    public async Task An_alert_already_delivered_costs_its_relayed_message_no_write()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (pipeline, statements, _, alertIds) = await StartLoggedAsync("alerting_settled_relayed", receiver, "NATO Kazakhstan");
        await using var owned = pipeline;
        var alertId = alertIds[0];
        var events = await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());
        // The relayed AlertRaised, and a copy of it that comes after the delivery for certain.
        await pipeline.RepublishAsync(events.OfType<AlertRaised>().Single());
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(2);

        Assert.Single(receiver.Posts);
        Assert.Equal(0, await pipeline.CountPendingDeliveriesAsync());
        // The work item was written by the claim and deleted by the commit that recorded the delivery; nothing after that wrote.
        Assert.Equal(1, statements.Count(s => s.Sql.Contains("delete from", StringComparison.OrdinalIgnoreCase) && s.Sql.Contains("mt_doc_pendingdelivery", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_relayed_message_that_finds_the_alert_claimed_by_a_push_in_flight_writes_nothing()
    {
        // The receiver answers after 3 s: the push's claim holds the alert while a copy of its AlertRaised comes in.
        await using var receiver = await WebhookReceiver.StartAsync(delay: TimeSpan.FromSeconds(3));
        var (pipeline, statements, _, alertIds) = await StartLoggedAsync("alerting_claimed_relayed", receiver, "NATO Kazakhstan");
        await using var owned = pipeline;
        var alertId = alertIds[0];
        await Eventually.Until(() => Task.FromResult(receiver.Posts.Count), n => n == 1, TimeSpan.FromSeconds(30), "the push's POST in flight");
        var events = await pipeline.AlertEventsAsync(alertId);
        Assert.DoesNotContain(events, e => e is AlertDelivered);
        await pipeline.RepublishAsync(events.OfType<AlertRaised>().Single());
        await pipeline.WaitUntilConsumedAsync<AlertRaised>(2);
        await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());

        Assert.Single(receiver.Posts);
        // The claim wrote the work item (with the time its claim lapses) and the delivery deleted it; the copies that found
        // the claim wrote nothing.
        var writes = statements.Where(s => s.Sql.Contains("mt_doc_pendingdelivery", StringComparison.Ordinal) && !s.Sql.StartsWith("select", StringComparison.OrdinalIgnoreCase));
        Assert.True(writes.Count == 2, "statements on the work items: " + string.Join(" | ", writes.Select(s => s.Sql)));
    }

    [Fact]
    public async Task A_delivered_alert_reads_its_article_once_for_matching_and_not_again_for_the_latency_metric()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (pipeline, statements, articleId, alertIds) = await StartLoggedAsync("alerting_article_reads", receiver, "NATO Kazakhstan", "Kazakhstan center");
        await using var owned = pipeline;
        foreach (var alertId in alertIds)
        {
            await pipeline.WaitForAlertAsync(alertId, e => e.OfType<AlertDelivered>().Any());
        }

        await pipeline.WaitUntilConsumedAsync<AlertRaised>(2);

        Assert.Equal(2, receiver.Posts.Count);
        // Matching's read of the article's stream; the two deliveries' latency is counted from the first fetch it saw.
        var reads = statements.Where(s => s.Names(articleId) && s.Sql.StartsWith("select", StringComparison.OrdinalIgnoreCase));
        Assert.True(reads.Count == 1, "reads naming the article: " + string.Join(" | ", reads.Select(s => s.Sql)));
    }

    /// <summary>
    /// A pipeline whose Alerting replica logs its statements, a subscription per query (its webhook the receiver) and one
    /// published article that all of them match; returns the article's id and the alerts' ids, in the queries' order.
    /// </summary>
    private static async Task<(Pipeline Pipeline, StatementLog Statements, Guid ArticleId, Guid[] AlertIds)> StartLoggedAsync(
        string name, WebhookReceiver receiver, params string[] queries)
    {
        var statements = new StatementLog();
        var pipeline = await Pipeline.StartAsync(name, alertingWiring: statements.Wiring());
        var subscriptions = new List<Guid>();
        foreach (var query in queries)
        {
            subscriptions.Add(await pipeline.SubscribeAsync(query, receiver.Url));
        }

        var storyId = Guid.NewGuid();
        var articleId = await pipeline.PublishArticleAsync($"https://one.example/{name}", "Outlet One", "NATO center opens in Kazakhstan", storyId);
        return (pipeline, statements, articleId, [.. subscriptions.Select(s => StreamIdentity.ForAlert(s, storyId))]);
    }

    /// <summary>Every statement the Alerting replicas' Marten sessions ran (alone or in a batch), with its parameters.</summary>
    private sealed class StatementLog : IMartenLogger, IMartenSessionLogger
    {
        private readonly ConcurrentQueue<Statement> _statements = new();

        public ServiceWiring Wiring() => AlertingHost.Wiring with
        {
            Add = builder =>
            {
                AlertingHost.Wiring.Add(builder);
                builder.Services.ConfigureMarten(opts => opts.Logger(this));
            },
        };

        public int Count(Func<Statement, bool> which) => _statements.Count(which);

        public IReadOnlyList<Statement> Where(Func<Statement, bool> which) => [.. _statements.Where(which)];

        public IMartenSessionLogger StartSession(IQuerySession session) => this;

        public void SchemaChange(string sql)
        {
        }

        public void LogSuccess(NpgsqlCommand command) => Add(command.CommandText, command.Parameters);

        public void LogSuccess(NpgsqlBatch batch)
        {
            foreach (var command in batch.BatchCommands)
            {
                Add(command.CommandText, command.Parameters);
            }
        }

        public void LogFailure(NpgsqlCommand command, Exception ex)
        {
        }

        public void LogFailure(NpgsqlBatch batch, Exception ex)
        {
        }

        public void LogFailure(Exception ex, string message)
        {
        }

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
        {
        }

        public void OnBeforeExecute(NpgsqlCommand command)
        {
        }

        public void OnBeforeExecute(NpgsqlBatch batch)
        {
        }

        private void Add(string sql, System.Data.Common.DbParameterCollection parameters) =>
            _statements.Enqueue(new Statement(sql, [.. parameters.Cast<System.Data.Common.DbParameter>().Select(p => p.Value)]));
    }

    private sealed record Statement(string Sql, IReadOnlyList<object?> Parameters)
    {
        /// <summary>Whether a parameter is the id (alone or in an array of ids).</summary>
        public bool Names(Guid id) => Parameters.Any(p => p is Guid g ? g == id : p is Guid[] ids && ids.Contains(id));
    }
}
