using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaMonitor.ServiceDefaults.Logging;

/// <summary>Request logs, incoming and outgoing, that never hold a URL's path or query string where a credential can hide.</summary>
public static class RedactedLoggingExtensions
{
    public static IServiceCollection AddRedactedRequestLogs(this IServiceCollection services)
    {
        services.AddSingleton<OutgoingRequestLog>();
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers().AddLogger<OutgoingRequestLog>());
        services.AddSingleton<IStartupFilter, IncomingRequestLog>();
        services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, HostingDiagnosticsSilenced>();
        return services;
    }

    /// <summary>
    /// Keeps ASP.NET Core's request lines (they hold the query string) below Warning for every provider, whatever the
    /// configuration says: a provider's own default (Logging:Console:LogLevel:Default=Debug) outranks a rule without a
    /// provider, so the rule is added once per provider the configuration names, after the configuration's own rules.
    /// </summary>
    private sealed class HostingDiagnosticsSilenced : IPostConfigureOptions<LoggerFilterOptions>
    {
        public void PostConfigure(string? name, LoggerFilterOptions options)
        {
            foreach (var provider in options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
            {
                options.Rules.Add(new LoggerFilterRule(provider, IncomingRequestLog.HostingDiagnosticsCategory, LogLevel.Warning, null));
            }
        }
    }
}
