namespace MediaMonitor.Operations.Tests.Docker;

public sealed class ComposeTests
{
    [Fact]
    public void Compose_builds_every_service_and_the_schema_migrator_from_its_own_Dockerfile()
    {
        var services = ComposeFile.Load().Services;

        foreach (var name in BoundConfiguration.Services.Select(s => s.Deployment).Append("schema-migrator"))
        {
            Assert.True(services.ContainsKey(name), $"docker-compose.yml has no service {name}");
            var build = (Dictionary<object, object>)services[name]["build"];
            Assert.Equal("..", build["context"]);
            Assert.Equal($"deploy/docker/{name}.Dockerfile", build["dockerfile"]);
            Assert.True(File.Exists(Path.Combine(SharedData.RepositoryRoot, (string)build["dockerfile"])));
        }
    }

    [Fact]
    public void Compose_gives_each_service_only_keys_it_binds_and_every_key_it_needs()
    {
        var services = ComposeFile.Load().Services;
        var problems = new List<string>();

        foreach (var service in BoundConfiguration.Services)
        {
            var environment = ComposeFile.Environment(services[service.Deployment]);
            problems.AddRange(BoundConfiguration.RequiredByEveryService.Where(k => !environment.ContainsKey(k)).Select(k => $"{service.Deployment}: {k} missing"));
            problems.AddRange(environment.Select(kv => BoundConfiguration.Problem(kv.Key, kv.Value, service)).OfType<string>().Select(p => $"{service.Deployment}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains("Api__AdminKey", ComposeFile.Environment(services["api"]).Keys);
    }

    [Fact]
    public void Prometheus_in_compose_scrapes_every_service_on_its_listening_port()
    {
        var services = ComposeFile.Load().Services;
        var scrape = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "deploy", "prometheus", "prometheus.yml"));

        foreach (var service in BoundConfiguration.Services)
        {
            var port = new Uri(ComposeFile.Environment(services[service.Deployment])["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
            Assert.Contains($"\"{service.Deployment}:{port}\"", scrape, StringComparison.Ordinal);
        }

        Assert.Contains(ComposeFile.List(services["prometheus"], "volumes"), v => v.StartsWith("./prometheus:/etc/prometheus", StringComparison.Ordinal));
    }

    [Fact]
    public void Grafana_in_compose_mounts_the_provisioning_and_the_dashboards_where_the_provider_looks()
    {
        var grafana = ComposeFile.Load().Services["grafana"];
        var provider = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "deploy", "grafana", "provisioning", "dashboards", "mediamonitor.yml"));
        var volumes = ComposeFile.List(grafana, "volumes").ToList();

        Assert.Contains(volumes, v => v.StartsWith("./grafana/provisioning:/etc/grafana/provisioning", StringComparison.Ordinal));
        var dashboards = Assert.Single(volumes, v => v.StartsWith("./grafana/dashboards:", StringComparison.Ordinal));
        var target = dashboards.Split(':')[1];
        Assert.Contains("path: " + target, provider, StringComparison.Ordinal);
    }
}
