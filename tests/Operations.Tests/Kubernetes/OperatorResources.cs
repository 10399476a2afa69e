using k8s;

namespace MediaMonitor.Operations.Tests.Kubernetes;

// Typed models of the parts of the Prometheus Operator, RabbitMQ Cluster Operator and CloudNativePG CRDs used here,
// field names as in each operator's schema; strict loading rejects anything else.

public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public ServiceMonitorSpec Spec { get; set; } = new();
}

public sealed class ServiceMonitorSpec
{
    public V1LabelSelector Selector { get; set; } = new();

    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

public sealed class ServiceMonitorEndpoint
{
    public string Port { get; set; } = "";

    public string? Path { get; set; }

    public string? Interval { get; set; }

    public string? ScrapeTimeout { get; set; }
}

public sealed class RabbitmqCluster : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public RabbitmqClusterSpec Spec { get; set; } = new();
}

public sealed class RabbitmqClusterSpec
{
    public int? Replicas { get; set; }

    public string? Image { get; set; }

    public V1ResourceRequirements? Resources { get; set; }

    public RabbitmqPersistence? Persistence { get; set; }

    public RabbitmqConfig? Rabbitmq { get; set; }

    public V1Affinity? Affinity { get; set; }
}

public sealed class RabbitmqPersistence
{
    public string? StorageClassName { get; set; }

    public ResourceQuantity? Storage { get; set; }
}

public sealed class RabbitmqConfig
{
    public List<string> AdditionalPlugins { get; set; } = [];

    public string? AdditionalConfig { get; set; }
}

public sealed class CnpgCluster : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public CnpgClusterSpec Spec { get; set; } = new();
}

public sealed class CnpgClusterSpec
{
    public int Instances { get; set; }

    public string? ImageName { get; set; }

    public string? PrimaryUpdateStrategy { get; set; }

    public CnpgBootstrap? Bootstrap { get; set; }

    public CnpgPostgresConfiguration? Postgresql { get; set; }

    public CnpgStorage? Storage { get; set; }

    public V1ResourceRequirements? Resources { get; set; }

    public CnpgMonitoring? Monitoring { get; set; }
}

public sealed class CnpgBootstrap
{
    public CnpgInitdb? Initdb { get; set; }
}

public sealed class CnpgInitdb
{
    public string? Database { get; set; }

    public string? Owner { get; set; }
}

public sealed class CnpgPostgresConfiguration
{
    public Dictionary<string, string> Parameters { get; set; } = [];
}

public sealed class CnpgStorage
{
    public ResourceQuantity? Size { get; set; }

    public string? StorageClass { get; set; }
}

public sealed class CnpgMonitoring
{
    public bool? EnablePodMonitor { get; set; }
}
