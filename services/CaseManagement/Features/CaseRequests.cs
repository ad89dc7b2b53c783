using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Validation;

namespace SocialPrescribing.CaseManagement.Features;

/// <summary>Reading a change's JSON body the same way in every use case: each mistake named by its field.</summary>
public static class CaseRequests
{
    public const int MaxReasonLength = 2000;
    public const int MaxUserIdLength = 100;

    /// <summary>
    /// Reads the JSON body with <paramref name="read"/> (which records type errors and returns the
    /// handler's call, or null when something required is missing), refuses unknown fields, then calls the
    /// handler: 415/413 for the body, 400 naming every wrong field, 404, 409, or the case as it is now.
    /// </summary>
    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> WithBodyAsync(
        Guid id, CaseServices services, string title, Func<JsonObjectReader, Func<Task<CaseChangeResult>>?> read, CancellationToken cancellationToken,
        int maxBytes = JsonBody.DefaultMaxBytes)
    {
        Func<Task<CaseChangeResult>>? change = null;
        var (errors, problem) = await JsonBody.ReadObjectAsync(services.Http.Request, (body, _) =>
        {
            if (body is not null)
            {
                change = read(body);
                body.RejectUnknownFields();
            }
        }, cancellationToken, maxBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (!errors.IsEmpty || change is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: title);
        }

        var result = await change();
        return await result.ToHttpAsync(services, id, cancellationToken);
    }

    public static T? Required<T>(T? value, string name, string message, JsonObjectReader body)
        where T : struct
    {
        if (value is null)
        {
            body.Require(name, message);
        }

        return value;
    }

    public static string? Limited(string? value, string name, int max, JsonObjectReader body)
    {
        if (value?.Trim().Length > max)
        {
            body.Refuse(name, $"'{name}' must be {max} characters or fewer.");
            return null;
        }

        return value;
    }

    /// <summary>Text trimmed, empty as null, refused (with an error) when longer than <paramref name="maxLength"/>.</summary>
    public static string? Trimmed(string? value, string name, int maxLength, ValidationErrors errors)
    {
        var text = value?.Trim();
        if (text?.Length > maxLength)
        {
            errors.Add(name, $"'{name}' must be {maxLength} characters or fewer.");
            return null;
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }
}
