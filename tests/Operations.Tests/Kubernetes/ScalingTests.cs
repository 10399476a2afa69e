using System.Reflection;

namespace MediaMonitor.Operations.Tests.Kubernetes;

public sealed class ScalingTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [SkippableFact]
    public void Every_KEDA_trigger_watches_a_queue_its_service_really_consumes_from()
    {
        var prod = Kustomize.Load("prod");

        Assert.NotEmpty(prod.ScaledObjects);
        foreach (var scaled in prod.ScaledObjects)
        {
            var service = BoundConfiguration.Services.Single(s => s.Deployment == scaled.Spec.ScaleTargetRef.Name);
            var queues = ConsumerQueues.Of(Assembly.Load(service.AssemblyName));
            var triggers = scaled.Spec.Triggers.Where(t => t.Type == "rabbitmq").ToList();
            Assert.NotEmpty(triggers);
            Assert.All(triggers, t => Assert.True(queues.Contains(t.Metadata["queueName"]),
                $"{scaled.Metadata.Name} scales on queue {t.Metadata["queueName"]}; {service.Section} consumes from {string.Join(", ", queues)}"));
            Assert.All(triggers, t => Assert.Contains(prod.TriggerAuthentications, a => a.Metadata.Name == t.AuthenticationRef?.Name));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public void Every_service_has_a_disruption_budget_and_exactly_one_autoscaler_at_most(string overlay)
    {
        var manifests = Kustomize.Load(overlay);

        foreach (var deployment in manifests.ServiceDeployments)
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            Assert.Contains(manifests.DisruptionBudgets, b => b.Spec.Selector.MatchLabels.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value));
            var scalers = manifests.Autoscalers.Count(h => h.Spec.ScaleTargetRef.Name == deployment.Metadata.Name)
                + manifests.ScaledObjects.Count(s => s.Spec.ScaleTargetRef.Name == deployment.Metadata.Name);
            Assert.True(scalers <= 1, $"{overlay}/{deployment.Metadata.Name} has {scalers} autoscalers fighting over it");
        }

        Assert.All(manifests.Autoscalers, h => Assert.Contains(manifests.ServiceDeployments, d => d.Metadata.Name == h.Spec.ScaleTargetRef.Name));
        Assert.All(manifests.ScaledObjects, s => Assert.Contains(manifests.ServiceDeployments, d => d.Metadata.Name == s.Spec.ScaleTargetRef.Name));
    }

    [SkippableFact]
    public void Production_scales_every_queue_consumer_on_queue_depth_and_keeps_two_replicas()
    {
        var prod = Kustomize.Load("prod");

        foreach (var name in new[] { "deduplication", "entity-tagging", "alerting" })
        {
            var scaled = Assert.Single(prod.ScaledObjects, s => s.Spec.ScaleTargetRef.Name == name);
            Assert.True(scaled.Spec.MinReplicaCount >= 2, name + " min replicas");
            Assert.NotNull(scaled.Spec.Fallback);
        }

        Assert.All(prod.ServiceDeployments.Where(d => d.Metadata.Name != "crawler"), d => Assert.True(d.Spec.Replicas >= 2, d.Metadata.Name));
    }
}
