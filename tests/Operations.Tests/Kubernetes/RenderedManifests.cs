using k8s;

namespace MediaMonitor.Operations.Tests.Kubernetes;

/// <summary>The objects of one rendered overlay, loaded strictly into typed models.</summary>
public sealed class RenderedManifests
{
    /// <summary>The CRDs the manifests use, mapped to this project's typed models (the built-in kinds come from KubernetesClient).</summary>
    public static readonly IReadOnlyDictionary<string, Type> CustomResourceTypes = new Dictionary<string, Type>
    {
        ["keda.sh/v1alpha1/ScaledObject"] = typeof(ScaledObject),
        ["keda.sh/v1alpha1/TriggerAuthentication"] = typeof(TriggerAuthentication),
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor),
        ["rabbitmq.com/v1beta1/RabbitmqCluster"] = typeof(RabbitmqCluster),
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(CnpgCluster),
    };

    private RenderedManifests(IReadOnlyList<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<V1Deployment> Deployments => Objects.OfType<V1Deployment>();

    /// <summary>The MediaMonitor services (Deployments labelled part-of=mediamonitor), not development backing services.</summary>
    public IEnumerable<V1Deployment> ServiceDeployments =>
        Deployments.Where(d => Label(d.Metadata, "app.kubernetes.io/part-of") == "mediamonitor");

    public IEnumerable<V1Job> Jobs => Objects.OfType<V1Job>();

    /// <summary>Every MediaMonitor pod template (service Deployments and the schema-migration Job) with its owner's name.</summary>
    public IEnumerable<(string Owner, V1PodSpec Pod)> MediaMonitorPods =>
        ServiceDeployments.Select(d => (d.Metadata.Name, d.Spec.Template.Spec))
            .Concat(Jobs.Select(j => (j.Metadata.Name, j.Spec.Template.Spec)));

    public IEnumerable<V1Service> Services => Objects.OfType<V1Service>();

    public IEnumerable<V1ConfigMap> ConfigMaps => Objects.OfType<V1ConfigMap>();

    public IEnumerable<V1Secret> Secrets => Objects.OfType<V1Secret>();

    public IEnumerable<V1PodDisruptionBudget> DisruptionBudgets => Objects.OfType<V1PodDisruptionBudget>();

    public IEnumerable<V2HorizontalPodAutoscaler> Autoscalers => Objects.OfType<V2HorizontalPodAutoscaler>();

    public IEnumerable<ScaledObject> ScaledObjects => Objects.OfType<ScaledObject>();

    public IEnumerable<TriggerAuthentication> TriggerAuthentications => Objects.OfType<TriggerAuthentication>();

    public IEnumerable<ServiceMonitor> ServiceMonitors => Objects.OfType<ServiceMonitor>();

    public IEnumerable<V1NetworkPolicy> NetworkPolicies => Objects.OfType<V1NetworkPolicy>();

    /// <summary>Loads every document strictly: an unknown field, a wrong type or an unknown kind throws.</summary>
    public static RenderedManifests Parse(string yaml) =>
        new(KubernetesYaml.LoadAllFromString(yaml, CustomResourceTypes.ToDictionary(), strict: true));

    public static string? Label(V1ObjectMeta metadata, string key) =>
        metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    public static V1Container App(V1PodSpec pod) => pod.Containers.Single(c => c.Name == "app");
}
