using MassTransit;
using MediaMonitor.Contracts.Crawler;

namespace MediaMonitor.Deduplication;

/// <summary>Decides each fetched article once; a redelivered message finds the verdict already recorded and appends nothing.</summary>
public sealed class ArticleFetchedConsumer(ArticleDeduplicator deduplicator) : IConsumer<ArticleFetched>
{
    public Task Consume(ConsumeContext<ArticleFetched> context) => deduplicator.DeduplicateAsync(context.Message, context.CancellationToken);
}

/// <summary>The consumer's queue is named after the service, so other services' ArticleFetched consumers get their own copy.</summary>
public sealed class ArticleFetchedConsumerDefinition : ConsumerDefinition<ArticleFetchedConsumer>
{
    public ArticleFetchedConsumerDefinition()
    {
        EndpointName = "deduplication-article-fetched";
    }
}
