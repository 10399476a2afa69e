using System.Reflection;
using MassTransit;

namespace MediaMonitor.Operations.Tests.Kubernetes;

/// <summary>
/// The RabbitMQ queues a service consumes from, named as MassTransit names them in this project: kebab-case after the
/// consumer (SetKebabCaseEndpointNameFormatter), or the EndpointName its ConsumerDefinition sets.
/// </summary>
public static class ConsumerQueues
{
    public static IReadOnlySet<string> Of(Assembly service)
    {
        var types = service.GetTypes();
        var formatter = KebabCaseEndpointNameFormatter.Instance;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var consumer in types.Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsConsumerInterface)))
        {
            var definitionType = types.FirstOrDefault(t => t.BaseType is { IsGenericType: true } b
                && b.GetGenericTypeDefinition() == typeof(ConsumerDefinition<>) && b.GetGenericArguments()[0] == consumer);
            if (definitionType?.GetConstructor(Type.EmptyTypes) is not null
                && Activator.CreateInstance(definitionType) is IConsumerDefinition definition)
            {
                names.Add(definition.GetEndpointName(formatter));
                continue;
            }

            var method = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!.MakeGenericMethod(consumer);
            names.Add((string)method.Invoke(formatter, null)!);
        }

        return names;
    }

    private static bool IsConsumerInterface(Type i) => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>);
}
