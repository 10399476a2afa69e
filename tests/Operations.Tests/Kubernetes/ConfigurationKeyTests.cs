namespace MediaMonitor.Operations.Tests.Kubernetes;

public sealed class ConfigurationKeyTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_environment_variable_a_pod_gets_is_a_key_its_service_binds_with_a_valid_value(string overlay)
    {
        var manifests = Kustomize.Load(overlay);
        var problems = new List<string>();

        foreach (var (owner, pod) in manifests.MediaMonitorPods)
        {
            var environment = PodEnvironment.Of(RenderedManifests.App(pod), manifests);
            var service = BoundConfiguration.Services.FirstOrDefault(s => s.Deployment == owner);
            var helpers = environment.CompositionHelpers.ToHashSet();
            problems.AddRange(environment.Variables
                .Where(kv => !helpers.Contains(kv.Key))
                .Select(kv => BoundConfiguration.Problem(kv.Key, kv.Value, service))
                .OfType<string>()
                .Select(p => $"{overlay}/{owner}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_service_pod_gets_the_database_and_broker_keys(string overlay)
    {
        var manifests = Kustomize.Load(overlay);

        foreach (var deployment in manifests.ServiceDeployments)
        {
            var environment = PodEnvironment.Of(RenderedManifests.App(deployment.Spec.Template.Spec), manifests);
            var missing = BoundConfiguration.RequiredByEveryService.Where(k => !environment.Variables.ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"{deployment.Metadata.Name} lacks {string.Join(", ", missing)}");
        }

        var api = manifests.ServiceDeployments.Single(d => d.Metadata.Name == "api");
        Assert.Contains("Api__AdminKey", PodEnvironment.Of(RenderedManifests.App(api.Spec.Template.Spec), manifests).Variables.Keys);
    }

    [Fact]
    public void A_misspelt_key_an_unparsable_value_and_a_foreign_section_are_all_reported()
    {
        var api = BoundConfiguration.Services.Single(s => s.Section == "Api");

        Assert.NotNull(BoundConfiguration.Problem("RabbitMq__Hostname", "rabbitmq", api));
        Assert.NotNull(BoundConfiguration.Problem("EventStore__DaemonMode", "Hot", api));
        Assert.NotNull(BoundConfiguration.Problem("RabbitMq__Port", "amqp", api));
        Assert.NotNull(BoundConfiguration.Problem("ConnectionStrings__Default", "Host=x", api));
        Assert.NotNull(BoundConfiguration.Problem("Crawler__UserAgent", "x", api));
        Assert.Null(BoundConfiguration.Problem("RabbitMq__Port", "5672", api));
        Assert.Null(BoundConfiguration.Problem("EventStore__DaemonMode", "HotCold", api));
        Assert.Null(BoundConfiguration.Problem("ConnectionStrings__Postgres", "Host=x", api));
    }
}
