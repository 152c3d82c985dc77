using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using OAuth2.Storage.Mongo.Documents;

namespace OAuth2.Storage.Mongo.Tests.Documents;

/// <summary>RFC 9449 section 10: a code's <c>dpop_jkt</c> in its document, and documents written before it. No server needed.</summary>
public sealed class DpopJktDocumentShapeTests
{
    private const string Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    public DpopJktDocumentShapeTests() => DocumentClassMaps.EnsureRegistered();

    [Fact]
    public void A_bound_code_adds_only_the_dpopJkt_element_last()
    {
        var bson = DocumentMapper.ToDocument(Samples.Digest("code"), Samples.Code with { DpopJkt = Thumbprint }).ToBsonDocument();

        Assert.Equal("dpopJkt", bson.Names.Last());
        Assert.Equal(new BsonString(Thumbprint), bson["dpopJkt"]);
        Assert.DoesNotContain("dpopJkt", DocumentMapper.ToDocument(Samples.Digest("code"), Samples.Code).ToBsonDocument().Names);
    }

    [Fact]
    public void A_bound_code_round_trips_and_a_document_written_before_reads_as_unbound()
    {
        var bound = DocumentMapper.ToDocument(Samples.Digest("code"), Samples.Code with { DpopJkt = Thumbprint }).ToBsonDocument();
        var old = DocumentMapper.ToDocument(Samples.Digest("code"), Samples.Code).ToBsonDocument();

        Assert.Equal(Thumbprint, DocumentMapper.ToAuthorizationCode(BsonSerializer.Deserialize<AuthorizationCodeDocument>(bound)).DpopJkt);
        Assert.Null(DocumentMapper.ToAuthorizationCode(BsonSerializer.Deserialize<AuthorizationCodeDocument>(old)).DpopJkt);
    }
}
