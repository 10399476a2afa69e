using System.Diagnostics;
using Marten;
using MediaMonitor.Contracts.Crawler;
using MediaMonitor.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MediaMonitor.Measurements.PipelineRun;

/// <summary>
/// The limits the pipeline runs under, measured on the same servers in the same run: RabbitMQ.Client publishing
/// (with publisher confirms, as MassTransit publishes) and consuming 1 KB messages through one queue, and Marten
/// appending one event per new stream in batches of 100 (as the services append) to a database of its own.
/// </summary>
public static class RawLimits
{
    public static async Task<double> RabbitMqPublishConsumePerSecondAsync(int messages)
    {
        var factory = new ConnectionFactory
        {
            HostName = Environment.GetEnvironmentVariable("RabbitMq__Host") ?? "127.0.0.1",
            Port = int.Parse(Environment.GetEnvironmentVariable("RabbitMq__Port") ?? "5672", System.Globalization.CultureInfo.InvariantCulture),
            UserName = "guest",
            Password = "guest",
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publish = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using var consume = await connection.CreateChannelAsync();
        var queue = (await consume.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await consume.BasicQosAsync(0, 256, false);
        var received = 0;
        var done = new TaskCompletionSource();
        var consumer = new AsyncEventingBasicConsumer(consume);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consume.BasicAckAsync(delivery.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == messages)
            {
                done.TrySetResult();
            }
        };
        await consume.BasicConsumeAsync(queue, autoAck: false, consumer);
        var body = new byte[1024];
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(256);
        for (var i = 0; i < messages; i++)
        {
            inFlight.Add(publish.BasicPublishAsync("", queue, body).AsTask());
            if (inFlight.Count == 256)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return messages / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Events/s of the timed appends, and of the untimed first ones before them (the first-use cost).</summary>
    public static async Task<(double Timed, double First)> MartenAppendPerSecondAsync(int events)
    {
        var admin = Environment.GetEnvironmentVariable("MM_POSTGRES_ADMIN") ?? throw new InvalidOperationException("MM_POSTGRES_ADMIN is not set");
        await using (var create = new NpgsqlConnection(admin))
        {
            await create.OpenAsync();
            await using var drop = new NpgsqlCommand("drop database if exists pipeline_raw", create);
            await drop.ExecuteNonQueryAsync();
            await using var make = new NpgsqlCommand("create database pipeline_raw", create);
            await make.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = "pipeline_raw" }.ConnectionString;
        using var host = Chaos.ChaosRun.EventStoreHost(connectionString);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        // Untimed first: the first sessions pay Marten's code generation, the JIT and the connection pool's first
        // connections (several seconds on a slow host, more than the timed appends themselves), which the services'
        // appends in the measured phases never pay.
        const int warmUp = 2_000;
        var first = Stopwatch.StartNew();
        await AppendAsync(store, 0, warmUp);
        var firstRate = warmUp / first.Elapsed.TotalSeconds;
        var clock = Stopwatch.StartNew();
        await AppendAsync(store, warmUp, events);
        return (events / clock.Elapsed.TotalSeconds, firstRate);
    }

    private static async Task AppendAsync(IDocumentStore store, int first, int events)
    {
        var at = DateTimeOffset.UtcNow;
        for (var done = first; done < first + events; done += 100)
        {
            await using var session = store.LightweightSession();
            for (var i = done; i < done + 100; i++)
            {
                var url = $"https://raw.example/{i}";
                var id = StreamIdentity.ForArticle(url);
                session.Events.StartStream(id, new ArticleDiscovered(id, url, url, Guid.Empty, "title", at, at, "raw"));
            }

            await session.SaveChangesAsync();
        }
    }
}
