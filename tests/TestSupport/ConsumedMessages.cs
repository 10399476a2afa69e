using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.TestSupport;

/// <summary>
/// The explicit quiet signal of a service host's bus: how many messages of each type its consumers have finished (handled
/// or faulted). A test that published N copies waits until N are finished, then asserts that nothing more happened,
/// instead of sleeping "long enough".
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentDictionary<Type, int> _finished = new();
    private readonly ConcurrentQueue<object> _messages = new();

    /// <summary>Observes every consumer of <paramref name="host"/>'s bus from now on.</summary>
    public static ConsumedMessages Observe(ServiceHost host) => new ConsumedMessages().Add(host);

    /// <summary>
    /// Observes the bus of the host these services are built into from its first message: registered as the bus's consume
    /// observer before it starts, so messages queued while the service was down and consumed the moment its bus starts are
    /// counted too (connecting after the start, as <see cref="Add"/> does, misses them).
    /// </summary>
    public void ObserveFromStart(IServiceCollection services) => services.AddConsumeObserver(_ => this);

    /// <summary>Observes <paramref name="host"/> too (another replica, or the service started again): counts add up over every host observed.</summary>
    public ConsumedMessages Add(ServiceHost host)
    {
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(this);
        return this;
    }

    /// <summary>How many <typeparamref name="T"/> the consumers have finished since observing began (one per consumer of the message).</summary>
    public int Finished<T>() => _finished.GetValueOrDefault(typeof(T));

    /// <summary>How many finished <typeparamref name="T"/> match <paramref name="match"/>.</summary>
    public int Finished<T>(Func<T, bool> match) => _messages.OfType<T>().Count(match);

    /// <summary>Waits until the consumers have finished at least <paramref name="count"/> <typeparamref name="T"/> messages.</summary>
    public Task WaitForAsync<T>(int count, TimeSpan timeout) =>
        Eventually.Until(() => Task.FromResult(Finished<T>()), n => n >= count, timeout, $"{count} {typeof(T).Name} consumed");

    /// <summary>Waits until a finished <typeparamref name="T"/> matches <paramref name="match"/> (a particular message, not just a count).</summary>
    public Task<int> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout, string what) =>
        Eventually.Until(() => Task.FromResult(Finished(match)), n => n >= 1, timeout, what);

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context)
    {
        _messages.Enqueue(context.Message);
        _finished.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
    {
        _messages.Enqueue(context.Message);
        _finished.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
