namespace MediaMonitor.Api.Tests;

public sealed class TenantIdsTests
{
    [Theory]
    [InlineData("Demo Newsroom", "demo-newsroom")]
    [InlineData("  Ümit's Média Watch! ", "umit-s-media-watch")]
    public void A_tenant_id_is_derived_from_the_name_when_none_is_given(string name, string expected)
    {
        Assert.True(TenantIds.TryChoose(null, name, out var id, out _));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-leading-dash")]
    [InlineData("UPPER")]
    [InlineData("with space")]
    public void Malformed_tenant_ids_are_refused(string requested) =>
        Assert.False(TenantIds.TryChoose(requested, "Name", out _, out _));

    [Fact]
    public void The_same_tenant_id_always_maps_to_the_same_stream() =>
        Assert.Equal(TenantIds.StreamFor("demo"), TenantIds.StreamFor("demo"));
}
