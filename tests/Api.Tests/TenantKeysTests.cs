namespace MediaMonitor.Api.Tests;

public sealed class TenantKeysTests
{
    private static readonly Guid Stream = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly object[] Issued =
    [
        new TenantCreated(Stream, "acme", "Acme", T0),
        new ApiKeyIssued(Stream, "acme", "key_1", "hash1", T0),
        new ApiKeyIssued(Stream, "acme", "key_2", "hash2", T0.AddHours(1)),
    ];

    [Fact]
    public void Revoking_an_active_key_records_one_event_with_its_hash_and_who_asked()
    {
        var (key, revoked) = TenantKeys.Fold(Issued).Revoke(Stream, "key_1", "key_2", T0.AddDays(1));

        Assert.Equal(new ApiKeyRevoked(Stream, "acme", "key_1", "hash1", "key_2", T0.AddDays(1)), revoked);
        Assert.Equal(T0.AddDays(1), key!.RevokedAt);
    }

    [Fact]
    public void Revoking_a_revoked_key_again_records_nothing_and_keeps_the_first_revocation()
    {
        var first = new ApiKeyRevoked(Stream, "acme", "key_1", "hash1", "admin", T0.AddDays(1));
        var (key, revoked) = TenantKeys.Fold([.. Issued, first]).Revoke(Stream, "key_1", "key_2", T0.AddDays(2));

        Assert.Null(revoked);
        Assert.Equal(T0.AddDays(1), key!.RevokedAt);
        Assert.Equal("admin", key.RevokedBy);
    }

    [Fact]
    public void A_key_id_the_tenant_never_had_is_not_found()
    {
        var (key, revoked) = TenantKeys.Fold(Issued).Revoke(Stream, "key_of_another_tenant", "admin", T0);

        Assert.Null(key);
        Assert.Null(revoked);
        Assert.False(TenantKeys.Fold([]).Exists);
    }

    [Fact]
    public void The_fold_lists_every_key_in_issue_order_with_only_the_revoked_one_marked()
    {
        var keys = TenantKeys.Fold([.. Issued, new ApiKeyRevoked(Stream, "acme", "key_2", "hash2", "admin", T0.AddDays(1))]).Keys;

        Assert.Equal(["key_1", "key_2"], keys.Select(k => k.KeyId));
        Assert.Equal([false, true], keys.Select(k => k.RevokedAt is not null));
    }
}
