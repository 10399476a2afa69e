namespace MediaMonitor.Operations.Tests.Kubernetes;

public sealed class KustomizeRenderingTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_overlay_renders_with_kubectl_kustomize(string overlay)
    {
        var yaml = Kustomize.Render(Path.Combine("overlays", overlay));

        Assert.Contains("kind: Deployment", yaml, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_rendered_object_loads_strictly_into_a_typed_model(string overlay)
    {
        var manifests = Kustomize.Load(overlay);

        Assert.NotEmpty(manifests.Objects);
        Assert.DoesNotContain(manifests.Objects, o => o is null or IDictionary<object, object>);
        Assert.Equal(5, manifests.ServiceDeployments.Count());
    }

    [SkippableFact]
    public void Strict_loading_rejects_a_misspelt_field_in_a_custom_resource()
    {
        var yaml = Kustomize.Render(Path.Combine("overlays", "prod"))
            .Replace("  pollingInterval: 10", "  pollingIntervall: 10", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => RenderedManifests.Parse(yaml));
    }

    [SkippableFact]
    public void Strict_loading_rejects_a_misspelt_field_in_a_built_in_kind()
    {
        var yaml = Kustomize.Render(Path.Combine("overlays", "dev"))
            .Replace("readinessProbe:", "readynessProbe:", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => RenderedManifests.Parse(yaml));
    }

    [SkippableFact]
    public void Production_takes_RabbitMQ_and_PostgreSQL_from_their_operators()
    {
        var prod = Kustomize.Load("prod");

        var rabbit = Assert.Single(prod.Objects.OfType<RabbitmqCluster>());
        var postgres = Assert.Single(prod.Objects.OfType<CnpgCluster>());
        Assert.True(rabbit.Spec.Replicas >= 3);
        Assert.True(postgres.Spec.Instances >= 2);
        Assert.Contains("rabbitmq_prometheus", rabbit.Spec.Rabbitmq!.AdditionalPlugins);
        Assert.Equal("mediamonitor", postgres.Spec.Bootstrap?.Initdb?.Database);
        Assert.DoesNotContain(prod.Deployments, d => d.Metadata.Name is "postgres" or "rabbitmq");
    }

    [SkippableFact]
    public void Production_ships_no_development_credentials()
    {
        var prod = Kustomize.Load("prod");
        var devDefaults = Kustomize.Load("dev").Secrets
            .SelectMany(s => s.Data ?? new Dictionary<string, byte[]>())
            .Select(kv => System.Text.Encoding.UTF8.GetString(kv.Value))
            .ToHashSet();

        var prodValues = prod.Secrets.SelectMany(s => s.Data ?? new Dictionary<string, byte[]>())
            .Select(kv => System.Text.Encoding.UTF8.GetString(kv.Value));
        Assert.DoesNotContain(prodValues, devDefaults.Contains);
        foreach (var (owner, pod) in prod.MediaMonitorPods)
        {
            var literal = RenderedManifests.App(pod).Env?.Where(e => e.Value is not null && e.Name.Contains("Password", StringComparison.OrdinalIgnoreCase));
            Assert.True(literal is null || !literal.Any(), owner + " has a literal password");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_referenced_secret_and_config_map_is_rendered_or_documented_as_provided_outside(string overlay)
    {
        var manifests = Kustomize.Load(overlay);
        var operations = File.ReadAllText(Path.Combine(TestSupport.SharedData.RepositoryRoot, "docs", "OPERATIONS.md"));
        var secrets = manifests.Secrets.ToDictionary(s => s.Metadata.Name);
        var configMaps = manifests.ConfigMaps.ToDictionary(c => c.Metadata.Name);

        foreach (var (owner, pod) in manifests.MediaMonitorPods)
        {
            var app = RenderedManifests.App(pod);
            foreach (var source in app.EnvFrom ?? [])
            {
                if (source.ConfigMapRef is { } cm)
                {
                    Assert.True(configMaps.ContainsKey(cm.Name), $"{owner}: ConfigMap {cm.Name} is not rendered");
                }

                if (source.SecretRef is { } sr)
                {
                    Assert.True(secrets.ContainsKey(sr.Name), $"{owner}: Secret {sr.Name} is not rendered");
                }
            }

            foreach (var env in app.Env ?? [])
            {
                if (env.ValueFrom?.SecretKeyRef is { } key)
                {
                    AssertSecretKey(owner, key.Name, key.Key);
                }
            }
        }

        foreach (var auth in manifests.TriggerAuthentications)
        {
            foreach (var target in auth.Spec.SecretTargetRef)
            {
                AssertSecretKey(auth.Metadata.Name, target.Name, target.Key);
            }
        }

        void AssertSecretKey(string owner, string name, string key)
        {
            if (secrets.TryGetValue(name, out var secret))
            {
                Assert.True(secret.Data?.ContainsKey(key) == true, $"{owner}: Secret {name} has no key {key}");
            }
            else
            {
                Assert.True(operations.Contains(name, StringComparison.Ordinal),
                    $"{owner}: Secret {name} is neither rendered nor documented in docs/OPERATIONS.md as created by an operator or by hand");
            }
        }
    }
}
