using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using MediaMonitor.Contracts;

namespace MediaMonitor.Api.Tenants;

/// <summary>Tenant ids: short lower-case slugs, each with one deterministic stream so creating a tenant twice collides.</summary>
public static partial class TenantIds
{
    private static readonly Guid TenantNamespace = new("5e2a7c41-9b3d-4f8e-a1c6-3d7b9e0f2a58");

    public static Guid StreamFor(string tenantId) => StreamIdentity.NameBased(TenantNamespace, tenantId);

    public static bool IsValid(string? tenantId) => tenantId is not null && SlugPattern().IsMatch(tenantId);

    /// <summary>The tenant id the caller asked for, or one derived from the name.</summary>
    public static bool TryChoose(string? requested, string name, [NotNullWhen(true)] out string? tenantId, [NotNullWhen(false)] out string? error)
    {
        tenantId = string.IsNullOrWhiteSpace(requested) ? Slugify(name) : requested.Trim();
        if (IsValid(tenantId))
        {
            error = null;
            return true;
        }

        error = string.IsNullOrWhiteSpace(requested)
            ? "name yields no usable tenant id; pass tenantId (2-40 of a-z, 0-9 and '-', starting with a letter or digit)"
            : "tenantId must be 2-40 characters of a-z, 0-9 and '-', starting with a letter or digit";
        tenantId = null;
        return false;
    }

    public static string Slugify(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var term in MediaMonitor.Text.Tokenizer.Terms(name))
        {
            if (sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(term);
        }

        var slug = sb.ToString();
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();
}
