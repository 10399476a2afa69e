using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using JasperFx.Events.Projections;
using Marten;
using MediaMonitor.Alerting;
using MediaMonitor.Api;
using MediaMonitor.Crawler;
using MediaMonitor.Deduplication;
using MediaMonitor.EntityTagging;
using MediaMonitor.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaMonitor.EndToEnd.Tests;

/// <summary>
/// An Inline projection runs only in the process that appends: one fed by an event another service appends never
/// updates in production (the Api's source health stayed empty for ever that way). Guarded for every service's store.
/// </summary>
public sealed class InlineProjectionOwnershipTests
{
    private static readonly (string Name, Assembly Assembly, Action<WebApplicationBuilder> Add)[] Services =
    [
        ("Api", typeof(ApiWiring).Assembly, b => b.AddApi()),
        ("Crawler", typeof(CrawlerWiring).Assembly, b => b.AddCrawler()),
        ("Deduplication", typeof(DeduplicationWiring).Assembly, b => b.AddDeduplication()),
        ("EntityTagging", typeof(EntityTaggingWiring).Assembly, b => b.AddEntityTagging()),
        ("Alerting", typeof(AlertingWiring).Assembly, b => b.AddAlerting()),
    ];

    [Fact]
    public async Task No_inline_projection_handles_an_event_type_that_another_service_appends()
    {
        var appendedBy = Services.ToDictionary(s => s.Name, s => ContractEventsConstructedIn(s.Assembly));
        var violations = new List<string>();
        var inlineSeen = 0;
        foreach (var (name, assembly, add) in Services)
        {
            // Each in its own task: MassTransit keeps the bus's log context in an AsyncLocal, which must not leak into the next service's build.
            foreach (var projection in await Task.Run(() => InlineProjectionsOf(assembly, add)))
            {
                inlineSeen++;
                var handled = HandledEventTypes(projection.GetType());
                Assert.True(handled.Count > 0, $"{name}'s inline projection {projection.GetType().Name} handles no event type this guard can see");
                foreach (var type in handled)
                {
                    violations.AddRange(appendedBy.Where(a => a.Key != name && a.Value.Contains(type))
                        .Select(a => $"{name}'s inline {projection.GetType().Name} handles {type.Name}, which {a.Key} appends"));
                }
            }
        }

        Assert.True(inlineSeen > 0, "no inline projection found: the guard looks in the wrong place");
        Assert.True(violations.Count == 0, "make these projections async (the daemon sees every process's events):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_guard_sees_which_service_appends_which_event()
    {
        // The guard rests on this scan: a service appends the contract events it constructs.
        Assert.Contains(typeof(Contracts.Crawler.SourcePolled), ContractEventsConstructedIn(typeof(CrawlerWiring).Assembly));
        Assert.Contains(typeof(Contracts.Api.SourceAdded), ContractEventsConstructedIn(typeof(ApiWiring).Assembly));
        Assert.DoesNotContain(typeof(Contracts.Crawler.SourcePolled), ContractEventsConstructedIn(typeof(ApiWiring).Assembly));
    }

    /// <summary>The Inline projections of a service's Marten store, wired as its Program.cs wires it (built, not started: no server is needed).</summary>
    private static List<object> InlineProjectionsOf(Assembly assembly, Action<WebApplicationBuilder> add)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = assembly.GetName().Name, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
            ["RabbitMq:Host"] = "127.0.0.1",
            ["Api:AdminKey"] = "guard-admin-key-0123456789abcdef",
        });
        add(builder);
        using var app = builder.Build();
        var store = (DocumentStore)app.Services.GetRequiredService<IDocumentStore>();
        return [.. store.Options.Projections.All.OfType<ProjectionBase>().Where(p => p.Lifecycle == ProjectionLifecycle.Inline)];
    }

    /// <summary>Contract event types a conventional projection (Create / Apply / Evolve / ShouldDelete methods) takes.</summary>
    private static HashSet<Type> HandledEventTypes(Type projection) =>
    [
        .. projection.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Where(m => m.Name is "Create" or "Apply" or "Evolve" or "ShouldDelete" or "Project")
            .SelectMany(m => m.GetParameters())
            .Select(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition().Name.StartsWith("IEvent", StringComparison.Ordinal)
                ? p.ParameterType.GetGenericArguments()[0]
                : p.ParameterType)
            .Where(t => EventStoreExtensions.ContractEventTypes.Contains(t)),
    ];

    /// <summary>Contract event types whose constructor the service's compiled code calls (read from its metadata, not guessed).</summary>
    private static HashSet<Type> ContractEventsConstructedIn(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var byName = EventStoreExtensions.ContractEventTypes.ToDictionary(t => t.FullName!);
        var constructed = new HashSet<Type>();
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (metadata.GetString(member.Name) != ".ctor" || member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
            if (byName.TryGetValue(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name), out var contract))
            {
                constructed.Add(contract);
            }
        }

        return constructed;
    }
}
