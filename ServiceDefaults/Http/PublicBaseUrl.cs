using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SocialPrescribing.Http;

/// <summary>
/// The address people use (the gateway's public address, <c>Gateway:PublicBaseUrl</c>): every link a
/// person receives is built from it, never from the request's host (a service sees its internal address,
/// and a Host or X-Forwarded-Host header is the caller's to choose). Development defaults to
/// http://localhost:8080; anywhere else it is required and must be https.
/// </summary>
public sealed record PublicBaseUrl(Uri Value)
{
    public const string Setting = "Gateway:PublicBaseUrl";

    private static readonly Uri DevelopmentDefault = new("http://localhost:8080/");

    /// <summary>The configured address; throws at start-up, naming the setting, when it is missing or not a plain http(s) address.</summary>
    public static PublicBaseUrl From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return environment.IsDevelopment()
                ? new PublicBaseUrl(DevelopmentDefault)
                : throw new InvalidOperationException($"{Setting} is required outside Development: the https address people use to reach the suite, from which every link they receive is built.");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"{Setting} must be an absolute http(s) address without query, fragment or credentials, such as https://socialprescribing.example.nhs.uk.");
        }

        if (!environment.IsDevelopment() && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{Setting} must be an https address outside Development: links carry one-time secrets.");
        }

        return new PublicBaseUrl(new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));
    }

    /// <summary>The absolute address of <paramref name="path"/> (which starts with /) under the public address.</summary>
    public string Link(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Uri(Value, path.TrimStart('/')).ToString();
    }
}
