using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using MediaMonitor.Api.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MediaMonitor.Api.Security;

/// <summary>Authenticates `Authorization: Bearer &lt;key&gt;`: the admin key from configuration, or a tenant's issued key.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiOptions> apiOptions,
    FailedAuthenticationThrottle throttle,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TenantClaim = "mediamonitor:tenant";
    public const string AdminRole = "admin";
    private const string FailureKey = "mediamonitor:auth-failure";
    private const string ThrottledKey = "mediamonitor:auth-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        // An address that failed too often gets no verdict on any key (the admin key included) until its window moves on.
        if (throttle.Blocked(Context.Connection.RemoteIpAddress, clock.GetUtcNow()) is { } wait)
        {
            Context.Items[ThrottledKey] = wait;
            return AuthenticateResult.Fail("too many failed authentication attempts from this address");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return Fail("the Authorization header must be 'Bearer <api key>'");
        }

        var key = header[7..].Trim();
        var adminKey = apiOptions.Value.AdminKey;
        if (!string.IsNullOrEmpty(adminKey) && ApiKeys.SameKey(key, adminKey))
        {
            return Success(new Claim(ClaimTypes.Role, AdminRole), new Claim(ClaimTypes.Name, "admin"));
        }

        var session = Context.RequestServices.GetRequiredService<IQuerySession>();
        var record = await session.LoadAsync<ApiKeyRecord>(ApiKeys.Hash(key), Context.RequestAborted);
        if (record is null)
        {
            return Fail("unknown API key");
        }

        // Read from the store on every request (no cache), so a revocation holds from the next request on.
        if (record.RevokedAt is not null)
        {
            return Fail("this API key was revoked");
        }

        if (record.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            return Fail($"this API key expired at {expires:O}");
        }

        return Success(new Claim(TenantClaim, record.TenantId), new Claim(ClaimTypes.Name, record.KeyId));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return WriteProblem(StatusCodes.Status429TooManyRequests, "Too many failed authentication attempts",
                $"this address sent too many unknown, revoked or expired keys; no key is checked from it for {seconds} s");
        }

        return WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized",
            Context.Items[FailureKey] as string ?? "send 'Authorization: Bearer <api key>' with every /api call");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Forbidden",
            Context.User.IsInRole(AdminRole)
                ? "the admin key only creates tenants and issues keys; use a tenant's API key here"
                : "this call needs the admin key (Api:AdminKey)");

    private AuthenticateResult Success(params Claim[] claims)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Fail(string reason)
    {
        throttle.RecordFailure(Context.Connection.RemoteIpAddress, clock.GetUtcNow());
        Context.Items[FailureKey] = reason;
        return AuthenticateResult.Fail(reason);
    }

    private async Task WriteProblem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        await Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(Context);
    }
}
