using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using MediaMonitor.ServiceDefaults;

namespace MediaMonitor.Operations.Tests.Configuration;

/// <summary>
/// What configuration the code really binds, found in the code itself: the shared settings classes of ServiceDefaults,
/// the connection string name in its source, and each service's own options classes (types named *Options or *Settings
/// in MediaMonitor.&lt;Service&gt;, bound from the section named after the service). Environment variable names use
/// the double underscore for the section separator, as ASP.NET Core reads them.
/// </summary>
public static class BoundConfiguration
{
    /// <summary>The five services: deployment / container name, configuration section, project.</summary>
    public static readonly IReadOnlyList<ServiceIdentity> Services =
    [
        new("crawler", "Crawler", "services/Crawler/MediaMonitor.Crawler.csproj"),
        new("deduplication", "Deduplication", "services/Deduplication/MediaMonitor.Deduplication.csproj"),
        new("entity-tagging", "EntityTagging", "services/EntityTagging/MediaMonitor.EntityTagging.csproj"),
        new("alerting", "Alerting", "services/Alerting/MediaMonitor.Alerting.csproj"),
        new("api", "Api", "services/Api/MediaMonitor.Api.csproj"),
    ];

    /// <summary>Keys every service needs to reach its database and broker.</summary>
    public static readonly string[] RequiredByEveryService =
    [
        "ConnectionStrings__Postgres", "RabbitMq__Host", "RabbitMq__Port", "RabbitMq__Username", "RabbitMq__Password",
        "RabbitMq__VirtualHost", "EventStore__PollingMilliseconds", "EventStore__DaemonMode",
    ];

    private static readonly Dictionary<string, Type> SharedSections = new(StringComparer.Ordinal)
    {
        ["RabbitMq"] = typeof(RabbitMqSettings),
        ["EventStore"] = typeof(EventStoreSettings),
        ["Secrets"] = typeof(MediaMonitor.ServiceDefaults.Secrets.SecretsOptions),
    };

    /// <summary>
    /// Why <paramref name="name"/> = <paramref name="value"/> is not bound by the service (null when it is):
    /// the key must be read by the code, and the value must convert to the bound property's type.
    /// </summary>
    public static string? Problem(string name, string? value, ServiceIdentity? service)
    {
        if (name is "ASPNETCORE_URLS" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT"
            || name.StartsWith("OTEL_", StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal))
        {
            return null;
        }

        var path = name.Split("__");
        if (path is ["ConnectionStrings", var connection])
        {
            return ConnectionStringNames().Contains(connection) ? null : $"{name}: no GetConnectionString(\"{connection}\") in the code";
        }

        if (path.Length < 2)
        {
            return $"{name}: not a configuration key any service binds (no section)";
        }

        IEnumerable<Type> roots;
        if (SharedSections.TryGetValue(path[0], out var shared))
        {
            roots = [shared];
        }
        else if (Services.FirstOrDefault(s => s.Section == path[0]) is { } owner)
        {
            if (service is not null && service.Section != owner.Section)
            {
                return $"{name}: the {owner.Section} section reaches {service.Deployment}, which does not bind it";
            }

            roots = owner.OptionsTypes();
        }
        else
        {
            return $"{name}: section {path[0]} is bound by no service";
        }

        foreach (var root in roots)
        {
            var property = Walk(root, path[1..]);
            if (property is null)
            {
                continue;
            }

            return value is null || value.Contains("$(", StringComparison.Ordinal) || Converts(property.PropertyType, value)
                ? null
                : $"{name}: value '{value}' does not convert to {property.PropertyType.Name}";
        }

        return $"{name}: no settable property {string.Join('.', path[1..])} on {string.Join(", ", roots.Select(r => r.Name).DefaultIfEmpty("(no options class)"))}";
    }

    private static PropertyInfo? Walk(Type type, string[] path)
    {
        PropertyInfo? property = null;
        foreach (var segment in path)
        {
            property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return property;
    }

    private static bool Converts(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsEnum)
        {
            return Enum.TryParse(target, value, ignoreCase: true, out _);
        }

        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>Connection string names the shared code reads (parsed from its source: GetConnectionString("X")).</summary>
    public static IReadOnlySet<string> ConnectionStringNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, "shared"), "*.cs", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, "services"), "*.cs", SearchOption.AllDirectories)))
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "GetConnectionString\\(\"([A-Za-z0-9]+)\"\\)"))
            {
                names.Add(m.Groups[1].Value);
            }
        }

        return names;
    }
}

/// <summary>One service: its Kubernetes name, its configuration section, its project file.</summary>
public sealed record ServiceIdentity(string Deployment, string Section, string Project)
{
    public string AssemblyName => Path.GetFileNameWithoutExtension(Project);

    /// <summary>The service's options classes: types named *Options or *Settings in its assembly.</summary>
    public IEnumerable<Type> OptionsTypes() =>
        Assembly.Load(AssemblyName).GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && (t.Name.EndsWith("Options", StringComparison.Ordinal) || t.Name.EndsWith("Settings", StringComparison.Ordinal)));
}
