using System.Text.Json.Serialization;
using JasperFx.Events.Projections;
using MediaMonitor.Api.Alerts;
using MediaMonitor.Api.Articles;
using MediaMonitor.Api.Coverage;
using MediaMonitor.Api.Dashboard;
using MediaMonitor.Api.Entities;
using MediaMonitor.Api.Http;
using MediaMonitor.Api.Jobs;
using MediaMonitor.Api.Operations;
using MediaMonitor.Api.Queries;
using MediaMonitor.Api.Rebuilds;
using MediaMonitor.Api.Reprocessing;
using MediaMonitor.Api.Security;
using MediaMonitor.Api.Sources;
using MediaMonitor.Api.Stories;
using MediaMonitor.Api.Subscriptions;
using MediaMonitor.Api.Tenants;
using MediaMonitor.Contracts.Api;
using MediaMonitor.ServiceDefaults;
using MediaMonitor.ServiceDefaults.Articles;
using MediaMonitor.ServiceDefaults.Entities;
using MediaMonitor.ServiceDefaults.Jobs;
using MediaMonitor.ServiceDefaults.Network;
using MediaMonitor.ServiceDefaults.Secrets;
using MediaMonitor.ServiceDefaults.Sources;
using MediaMonitor.ServiceDefaults.Subscriptions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaMonitor.Api;

/// <summary>Everything the Api service needs, in one call from Program.cs.</summary>
public static class ApiWiring
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ApiOptions.Section);
        var options = section.Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.Configure<ApiOptions>(section);
        ConfigureUrls(builder, options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        builder.AddServiceDefaults(new ServiceTelemetry("Api"));
        builder.AddEventStore(ConfigureReadModels)
            .RelayEvents("api", ApiRelay.Events);
        builder.AddMessageBus();
        builder.AddJobControl();
        builder.AddDeliverySecrets();
        // After the event store (its schema is applied first): moves secrets out of events stored before documents held them.
        builder.Services.AddHostedService<StoredSecretMove>();
        builder.AddOperations();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IArticleQueryLanguage, SubscriptionQueryLanguage>();
        builder.Services.AddSingleton<ReadModelRebuilds>();
        builder.Services.AddSingleton(new DeliveryAddresses(
            new NetworkGuard(NetworkGuard.AllowedNetworks(builder.Configuration, ApiOptions.Section + ":AllowedWebhookNetworks"))));
        builder.Services.AddSingleton(new FailedAuthenticationThrottle(
            options.FailedAuthenticationLimit, TimeSpan.FromSeconds(options.FailedAuthenticationWindowSeconds)));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TenantPrincipal.TenantPolicy, p => p.RequireClaim(ApiKeyAuthenticationHandler.TenantClaim))
            .AddPolicy(TenantPrincipal.AdminPolicy, p => p.RequireRole(ApiKeyAuthenticationHandler.AdminRole));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseNulCharacterGuard();

        app.MapOpenApi();
        app.MapDashboard();
        var api = app.MapGroup("/api");
        api.MapTenantEndpoints();
        api.MapOwnKeyEndpoints();
        api.MapSourceEndpoints();
        var subscriptions = api.MapSubscriptionEndpoints().MapSubscriptionChangeEndpoints().MapSubscriptionDeliveryEndpoints().MapWebhookSecretEndpoints();
        subscriptions.MapAlertEndpoints();
        api.MapArticleEndpoints();
        api.MapCoverageEndpoints();
        api.MapStoryEndpoints();
        api.MapQueryEndpoints();
        api.MapEntityEndpoints();
        api.MapReprocessingEndpoints();
        api.MapJobEndpoints();
        api.MapRebuildEndpoints();
        api.MapOperationsEndpoints();
        return app;
    }

    private static void ConfigureUrls(WebApplicationBuilder builder, ApiOptions options)
    {
        if (ListenUrls(options.Urls, builder.Configuration[WebHostDefaults.ServerUrlsKey]) is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }
    }

    /// <summary>The URLs to listen on, or null to keep the host's (ASPNETCORE_URLS / --urls): Api:Urls first, 127.0.0.1:8080 last.</summary>
    internal static string? ListenUrls(string? apiUrls, string? hostUrls) =>
        !string.IsNullOrWhiteSpace(apiUrls) ? apiUrls
        : string.IsNullOrWhiteSpace(hostUrls) ? ApiOptions.DefaultUrls
        : null;

    private static void ConfigureReadModels(Marten.StoreOptions opts)
    {
        opts.Schema.For<ApiKeyRecord>().DocumentAlias("api_key");
        opts.Schema.For<ApiSubscription>().DocumentAlias("api_subscription").Index(s => s.TenantId);
        opts.Schema.For<ApiAlertSummary>().DocumentAlias("api_alert").Index(a => a.SubscriptionId);
        opts.Projections.Add<ApiKeyRecordProjection>(ProjectionLifecycle.Inline);
        opts.AddSourceProjection();
        opts.AddOperatorEntityProjection();
        opts.AddSubscriptionProjection();
        // The Crawler appends the health events in its own process: only the daemon sees them.
        opts.Schema.For<ApiSourceHealth>().DocumentAlias("api_source_health");
        opts.Projections.Add<ApiSourceHealthProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<ApiSubscriptionProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<ApiAlertSummaryProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<ApiNotice>().DocumentAlias("api_notice").Index(n => n.SubscriptionId);
        opts.Projections.Add<ApiNoticeProjection>(ProjectionLifecycle.Async);
        opts.AddArticleProjection(ProjectionLifecycle.Async);
    }
}
