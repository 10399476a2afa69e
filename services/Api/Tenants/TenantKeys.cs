using MediaMonitor.Contracts.Api;

namespace MediaMonitor.Api.Tenants;

/// <summary>A tenant's keys as its stream leaves them (ApiKeyIssued, ApiKeyRevoked), and the decision to revoke one.</summary>
public sealed record TenantKeys(string? TenantId, string? Name, IReadOnlyList<TenantKey> Keys)
{
    public bool Exists => TenantId is not null;

    public static TenantKeys Fold(IEnumerable<object> events)
    {
        string? tenantId = null;
        string? name = null;
        var keys = new List<TenantKey>();
        foreach (var e in events)
        {
            switch (e)
            {
                case TenantCreated created:
                    (tenantId, name) = (created.TenantId, created.Name);
                    break;
                case ApiKeyIssued issued when keys.TrueForAll(k => k.KeyId != issued.KeyId):
                    keys.Add(new TenantKey(issued.KeyId, issued.KeyHash, issued.IssuedAt, null, null, issued.Label, issued.ExpiresAt));
                    break;
                case ApiKeyRevoked revoked:
                    var i = keys.FindIndex(k => k.KeyId == revoked.KeyId);
                    if (i >= 0 && keys[i].RevokedAt is null)
                    {
                        keys[i] = keys[i] with { RevokedAt = revoked.RevokedAt, RevokedBy = revoked.RevokedBy };
                    }

                    break;
            }
        }

        return new TenantKeys(tenantId, name, keys);
    }

    public TenantKey? Find(string keyId) => Keys.FirstOrDefault(k => k.KeyId == keyId);

    /// <summary>
    /// Revokes one of this tenant's keys: the event to append, or none when the key is already revoked (revoking twice
    /// changes nothing). Null key: not this tenant's key (the caller answers 404).
    /// </summary>
    public (TenantKey? Key, ApiKeyRevoked? Revoked) Revoke(Guid streamId, string keyId, string revokedBy, DateTimeOffset now)
    {
        if (TenantId is null || Find(keyId) is not { } key)
        {
            return (null, null);
        }

        if (key.RevokedAt is not null)
        {
            return (key, null);
        }

        var revoked = new ApiKeyRevoked(streamId, TenantId, key.KeyId, key.KeyHash, revokedBy, now);
        return (key with { RevokedAt = now, RevokedBy = revokedBy }, revoked);
    }
}

/// <summary>One issued key: its id and dates, and its hash (never shown by the API).</summary>
public sealed record TenantKey(
    string KeyId, string KeyHash, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevokedBy, string? Label = null, DateTimeOffset? ExpiresAt = null)
{
    public ApiKeyView ToView(string? currentKeyId = null) => new(KeyId, IssuedAt, RevokedAt, RevokedBy, KeyId == currentKeyId, Label, ExpiresAt);
}

/// <summary>A key as the API lists it: never the key or its hash. Current: the key this call was made with.</summary>
public sealed record ApiKeyView(
    string KeyId, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevokedBy, bool Current, string? Label = null, DateTimeOffset? ExpiresAt = null);
