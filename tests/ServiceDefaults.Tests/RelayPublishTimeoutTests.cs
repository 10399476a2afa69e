using System.Reflection;
using System.Runtime.CompilerServices;

namespace MediaMonitor.ServiceDefaults.Tests;

public sealed class RelayPublishTimeoutTests
{
    [Fact]
    public async Task A_publish_that_never_completes_times_out_and_the_relay_publishes_the_page_again()
    {
        var env = await TestEnvironment.CreateAsync("relaystuck");
        var settings = env.Settings;
        settings["EventStore:RelayPublishTimeoutSeconds"] = "2";
        var received = new ConcurrentDictionary<Guid, ArticleFetched>();

        await using var host = await RelayLoop.StartAsync<RecordingConsumer>(settings, "RelayStuckTest", [typeof(ArticleFetched)], s =>
        {
            s.AddSingleton(received);
            StallFirstPublishes(s, 3);
        });

        var ids = new List<Guid>();
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            for (var i = 0; i < 5; i++)
            {
                var url = $"https://example.org/stuck/{i}";
                var id = StreamIdentity.ForArticle(url);
                ids.Add(id);
                session.Events.StartStream(id, new ArticleFetched(id, url, url, $"T{i}", "Body", null, "Example", Guid.NewGuid(), DateTimeOffset.UtcNow, "test"));
            }

            await session.SaveChangesAsync();
        }

        // The first three publishes never complete, as a publish in flight across a broker restart can (its confirm lost):
        // without a timeout the relay waits on them for ever and nothing after them is published either.
        await Eventually.Until(() => Task.FromResult(received.Values.Select(m => m.ArticleId).Distinct().Count()), c => c == ids.Count,
            TimeSpan.FromSeconds(60), "every relayed article, after the stuck publishes timed out");
        Assert.Equal(ids.ToHashSet(), received.Values.Select(m => m.ArticleId).ToHashSet());
    }

    /// <summary>Wraps the bus the relay publishes on so that its first <paramref name="count"/> publishes never complete.</summary>
    private static void StallFirstPublishes(IServiceCollection services, int count)
    {
        var original = services.Last(d => d.ServiceType == typeof(IBus));
        services.Remove(original);
        var stalls = new StrongBox<int>(count);
        services.AddSingleton<IBus>(provider =>
        {
            var bus = original.ImplementationFactory is { } factory
                ? (IBus)factory(provider)
                : original.ImplementationInstance as IBus ?? (IBus)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!);
            var proxy = DispatchProxy.Create<IBus, StallingBus>();
            ((StallingBus)(object)proxy).Wrap(bus, stalls);
            return proxy;
        });
    }

    public class StallingBus : DispatchProxy
    {
        private IBus _bus = null!;
        private StrongBox<int> _stalls = null!;

        public void Wrap(IBus bus, StrongBox<int> stalls) => (_bus, _stalls) = (bus, stalls);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IPublishEndpoint.Publish) && Interlocked.Decrement(ref _stalls.Value) >= 0)
            {
                return new TaskCompletionSource().Task;
            }

            try
            {
                return targetMethod.Invoke(_bus, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }
}
