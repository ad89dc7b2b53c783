using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ServiceDirectory.Features;

/// <summary>What the directory's admin use cases share: reading one record's body, and their problems.</summary>
public static class AdminRequests
{
    public const int MaxRecordBytes = 256 * 1024;

    /// <summary>A single record's body, defensively read: 415, 413 and 400 as problems.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken, AdminRequests.MaxRecordBytes);
        if (document is null)
        {
            return (null, problem);
        }

        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (JsonObject.Create(document.RootElement.Clone()), null)
                : (null, Invalid(new Dictionary<string, string[]> { ["$"] = ["The body must be a JSON object."] }));
        }
    }

    // A reason reads "/pointer: what is wrong"; the pointer is the field it is about.
    public static string Field(string reason) =>
        reason.StartsWith('/') && reason.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at ? reason[..at] : "$";

    public static string Reason(string reason) =>
        reason.StartsWith('/') && reason.IndexOf(": ", StringComparison.Ordinal) is > 0 and var at ? reason[(at + 2)..] : reason;

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The record has mistakes; nothing was saved");

    public static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} with id '{id}'.");
}

public sealed record AdminServices(DirectoryDbContext Db, TimeProvider Time, HttpContext Http)
{
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
}
