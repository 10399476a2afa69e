namespace MediaMonitor.Crawler.WebSub;

/// <summary>
/// Renews WebSub leases before they end (at 80% of each lease). It sleeps until the earliest renewal is due (at most 30 s,
/// since another replica may have recorded a shorter lease) or a verification lands here; idle, it costs one query a
/// wake-up. Off when Crawler:WebSub:CallbackBaseUrl is unset.
/// </summary>
public sealed class WebSubRenewal(WebSubSubscriber subscriber, TimeProvider clock, ILogger<WebSubRenewal> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!subscriber.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                if (await subscriber.RenewDueAsync(stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow();
                    sleep = until < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : until < LongestSleep ? until : LongestSleep;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "WebSub lease renewal round failed; retrying");
            }

            try
            {
                await subscriber.WaitAsync(sleep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
