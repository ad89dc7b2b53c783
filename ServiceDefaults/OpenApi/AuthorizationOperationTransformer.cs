using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using SocialPrescribing.Authorization;

namespace SocialPrescribing.OpenApi;

/// <summary>
/// Writes each operation's access rule into the OpenAPI document: <c>x-authorization</c> is
/// <c>public</c>, or the roles and scopes that may call it, and whose records it returns
/// (<see cref="RecordScope"/>). Clients read it; the route × role tests
/// are generated from it, so a new route is tested the moment it is documented.
/// </summary>
public sealed class AuthorizationOperationTransformer : IOpenApiOperationTransformer
{
    public const string Extension = "x-authorization";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();

        var rule = new System.Text.Json.Nodes.JsonObject();
        if (authorize.Count == 0 || anonymous)
        {
            rule["access"] = "public";
        }
        else
        {
            var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
            // Every policy on the route must hold (a group's and the route's own): the roles allowed are those all of them allow.
            HashSet<string>? roles = null;
            var scopes = new List<string>();
            foreach (var data in authorize)
            {
                var policy = data.Policy is null ? await policies.GetDefaultPolicyAsync() : await policies.GetPolicyAsync(data.Policy);
                var requirements = policy?.Requirements ?? [];
                var allowed = requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles)
                    .Concat(requirements.OfType<RoleOrScopeRequirement>().SelectMany(r => r.Roles))
                    .Concat(data.Roles?.Split(',', StringSplitOptions.TrimEntries) ?? [])
                    .ToHashSet(StringComparer.Ordinal);
                scopes.AddRange(requirements.OfType<RoleOrScopeRequirement>().Select(r => r.Scope));
                if (allowed.Count > 0)
                {
                    roles = roles is null ? allowed : [.. roles.Intersect(allowed, StringComparer.Ordinal)];
                }
            }

            rule["access"] = "signed-in";
            rule["roles"] = Array(roles ?? []);
            if (scopes.Count > 0)
            {
                rule["scopes"] = Array(scopes);
            }
        }

        if (metadata.OfType<RecordScope>().LastOrDefault() is { } records)
        {
            rule["records"] = records.Name;
        }

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(rule);
    }

    private static System.Text.Json.Nodes.JsonArray Array(IEnumerable<string> values) =>
        [.. values.Distinct(StringComparer.Ordinal).Select(v => (System.Text.Json.Nodes.JsonNode)v)];
}
