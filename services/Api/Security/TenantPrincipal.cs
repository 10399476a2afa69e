using System.Security.Claims;

namespace MediaMonitor.Api.Security;

/// <summary>The tenant an authenticated call acts for.</summary>
public static class TenantPrincipal
{
    public const string TenantPolicy = "tenant";
    public const string AdminPolicy = "admin";

    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim)
        ?? throw new InvalidOperationException("the caller is not a tenant; the tenant policy should have refused it");
}
