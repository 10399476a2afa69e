using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Operations.Tests.Kubernetes;

public sealed class PodShapeTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public async Task Probe_paths_are_endpoints_the_service_defaults_really_serve(string overlay)
    {
        var probes = Kustomize.Load(overlay).ServiceDeployments
            .SelectMany(d => ProbesOf(RenderedManifests.App(d.Spec.Template.Spec)))
            .ToList();
        await using var service = await DefaultsOnlyService.StartAsync();

        Assert.NotEmpty(probes);
        foreach (var (kind, probe) in probes)
        {
            var response = await service.Client.GetAsync(new Uri(probe.HttpGet.Path, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{kind} probe {probe.HttpGet.Path} answered {(int)response.StatusCode}");
        }

        Assert.Contains(probes, p => p.Kind == "liveness" && p.Probe.HttpGet.Path == "/health/live");
        Assert.Contains(probes, p => p.Kind == "readiness" && p.Probe.HttpGet.Path == "/health/ready");
    }

    [SkippableFact]
    public async Task A_path_the_services_do_not_serve_is_not_found_so_the_probe_test_can_fail()
    {
        await using var service = await DefaultsOnlyService.StartAsync();

        var response = await service.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Probes_services_and_the_listening_address_agree_on_one_container_port(string overlay)
    {
        var manifests = Kustomize.Load(overlay);
        var urls = manifests.ConfigMaps.Single(c => c.Metadata.Name.StartsWith("mediamonitor-config", StringComparison.Ordinal)).Data["ASPNETCORE_URLS"];
        var listening = new Uri(urls.Replace("+", "localhost", StringComparison.Ordinal)).Port;

        foreach (var deployment in manifests.ServiceDeployments)
        {
            var app = RenderedManifests.App(deployment.Spec.Template.Spec);
            var port = Assert.Single(app.Ports);
            Assert.Equal(listening, port.ContainerPort);
            foreach (var (kind, probe) in ProbesOf(app))
            {
                Assert.True(probe.HttpGet.Port.Value == port.Name || probe.HttpGet.Port.Value == port.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{deployment.Metadata.Name}: {kind} probe port {probe.HttpGet.Port.Value} is not the container port");
            }

            var service = manifests.Services.Single(s => s.Metadata.Name == deployment.Metadata.Name);
            Assert.All(service.Spec.Selector, kv => Assert.Equal(kv.Value, deployment.Spec.Template.Metadata.Labels[kv.Key]));
            var servicePort = Assert.Single(service.Spec.Ports);
            Assert.Equal(port.Name, servicePort.TargetPort.Value);
            Assert.Equal("http", servicePort.Name);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Service_monitor_scrapes_the_metrics_endpoint_on_a_port_every_service_names(string overlay)
    {
        var manifests = Kustomize.Load(overlay);
        var monitor = manifests.ServiceMonitors.Single(m => m.Metadata.Name == "mediamonitor");
        var selected = manifests.Services
            .Where(s => monitor.Spec.Selector.MatchLabels.All(kv => RenderedManifests.Label(s.Metadata, kv.Key) == kv.Value))
            .ToList();

        Assert.Equal(manifests.ServiceDeployments.Select(d => d.Metadata.Name).Order(), selected.Select(s => s.Metadata.Name).Order());
        var endpoint = Assert.Single(monitor.Spec.Endpoints);
        Assert.Equal("/metrics", endpoint.Path);
        Assert.All(selected, s => Assert.Contains(s.Spec.Ports, p => p.Name == endpoint.Port));
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Grace_period_covers_the_pre_stop_pause_and_the_hosts_shutdown_drain(string overlay)
    {
        var drain = DefaultsOnlyService.ShutdownTimeout();

        foreach (var deployment in Kustomize.Load(overlay).ServiceDeployments)
        {
            var pod = deployment.Spec.Template.Spec;
            var preStop = RenderedManifests.App(pod).Lifecycle?.PreStop?.Sleep?.Seconds ?? 0;
            var grace = pod.TerminationGracePeriodSeconds ?? 30;
            var needed = preStop + (long)drain.TotalSeconds;
            Assert.True(grace >= needed, $"{deployment.Metadata.Name}: grace {grace}s < preStop {preStop}s + drain {drain.TotalSeconds}s");
            Assert.True(grace <= needed + 15, $"{deployment.Metadata.Name}: grace {grace}s keeps a stuck pod far longer than the {needed}s drain");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_pod_runs_as_non_root_on_a_read_only_root_with_a_writable_tmp(string overlay)
    {
        foreach (var (owner, pod) in Kustomize.Load(overlay).MediaMonitorPods)
        {
            var app = RenderedManifests.App(pod);
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, owner + ": runAsNonRoot");
            Assert.True(pod.SecurityContext?.RunAsUser is > 0, owner + ": runAsUser");
            Assert.True(app.SecurityContext?.ReadOnlyRootFilesystem == true, owner + ": readOnlyRootFilesystem");
            Assert.True(app.SecurityContext?.AllowPrivilegeEscalation == false, owner + ": allowPrivilegeEscalation");
            Assert.Contains("ALL", app.SecurityContext?.Capabilities?.Drop ?? []);
            var tmp = Assert.Single(app.VolumeMounts, m => m.MountPath == "/tmp");
            Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
            Assert.True(pod.AutomountServiceAccountToken == false, owner + ": no service account token");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_container_has_cpu_and_memory_requests_and_a_memory_limit(string overlay)
    {
        foreach (var (owner, pod) in Kustomize.Load(overlay).MediaMonitorPods)
        {
            var resources = RenderedManifests.App(pod).Resources;
            Assert.True(resources?.Requests?.ContainsKey("cpu") == true, owner + ": cpu request");
            Assert.True(resources?.Requests?.ContainsKey("memory") == true, owner + ": memory request");
            Assert.True(resources?.Limits?.ContainsKey("memory") == true, owner + ": memory limit");
        }
    }

    private static IEnumerable<(string Kind, V1Probe Probe)> ProbesOf(V1Container container)
    {
        if (container.StartupProbe is { } startup)
        {
            yield return ("startup", startup);
        }

        if (container.LivenessProbe is { } liveness)
        {
            yield return ("liveness", liveness);
        }

        if (container.ReadinessProbe is { } readiness)
        {
            yield return ("readiness", readiness);
        }
    }
}
