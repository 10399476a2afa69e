namespace MediaMonitor.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OpmlImportTests(ApiFixture api)
{
    private const string Opml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>Desk</title></head><body>
          <outline text="Herald" xmlUrl="https://example.org/herald.xml"/>
          <outline text="Region">
            <outline text="Courier" type="rss" xmlUrl="https://example.org/courier.xml"/>
            <outline text="Courier again" xmlUrl="https://example.org/courier.xml"/>
            <outline text="Bad" xmlUrl="ftp://example.org/feed"/>
          </outline>
          <outline text="No feed" htmlUrl="https://example.org/"/>
        </body></opml>
        """;

    private static StringContent Body(string xml, string mediaType = "text/x-opml") => new(xml, Encoding.UTF8, mediaType);

    [Fact]
    public async Task Importing_an_OPML_adds_every_nested_feed_once_and_a_second_import_reports_them_already_present()
    {
        var (tenantId, client, _) = await api.NewTenantAsync();
        await client.PostAsJsonAsync("/api/sources", new { url = "https://example.org/herald.xml" });

        var first = await client.PostAsync(new Uri("/api/sources/opml", UriKind.Relative), Body(Opml));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = (await first.Content.ReadFromJsonAsync<OpmlImportResult>())!;
        Assert.Equal(1, result.Added);
        Assert.Equal(1, result.AlreadyPresent);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("ftp://example.org/feed", rejected.Url);
        Assert.Contains("absolute http", rejected.Reason, StringComparison.Ordinal);

        var again = (await (await client.PostAsync(new Uri("/api/sources/opml", UriKind.Relative), Body(Opml, "application/xml"))).Content.ReadFromJsonAsync<OpmlImportResult>())!;
        Assert.Equal(0, again.Added);
        Assert.Equal(2, again.AlreadyPresent);

        var listed = (await client.GetFromJsonAsync<List<SourceRecord>>("/api/sources"))!;
        Assert.Equal(["https://example.org/courier.xml", "https://example.org/herald.xml"], listed.Select(s => s.Url).Order());
        Assert.Contains(listed, s => s.Id == StreamIdentity.ForSource(tenantId, "https://example.org/courier.xml"));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><opml><body><outline xmlUrl="https://example.org/&b;"/></body></opml>""", "DTD")]
    [InlineData("""<opml><body><outline xmlUrl="https://example.org/a.xml"></body>""", "not well-formed")]
    [InlineData("""<rss><channel/></rss>""", "not an OPML document")]
    public async Task Malformed_or_hostile_OPML_is_rejected_with_400_and_adds_nothing(string xml, string reason)
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsync(new Uri("/api/sources/opml", UriKind.Relative), Body(xml));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<List<SourceRecord>>("/api/sources"))!);
    }

    [Fact]
    public async Task OPML_sent_as_JSON_is_rejected_with_415()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var response = await client.PostAsync(new Uri("/api/sources/opml", UriKind.Relative), Body(Opml, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task OPML_over_the_body_limit_answers_413()
    {
        var (_, client, _) = await api.NewTenantAsync();
        var huge = "<opml><body>" + string.Concat(Enumerable.Range(0, 200).Select(i => $"<outline xmlUrl=\"https://example.org/{i}.xml\"/>")) + "</body></opml>";
        var response = await client.PostAsync(new Uri("/api/sources/opml", UriKind.Relative), Body(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
