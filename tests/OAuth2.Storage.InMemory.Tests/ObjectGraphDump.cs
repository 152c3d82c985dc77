using System.Globalization;
using System.Reflection;
using System.Text;

namespace OAuth2.Storage.InMemory.Tests;

/// <summary>
/// The raw dump of an in-memory store: every string, byte array and scalar reachable from the store object through
/// its fields, public or not. This is what a heap dump of the process would show, so a plaintext credential held
/// anywhere in the store's object graph appears here.
/// </summary>
internal static class ObjectGraphDump
{
    public static string Of(object root)
    {
        var text = new StringBuilder();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var item = pending.Pop();
            var type = item.GetType();
            switch (item)
            {
                case string value:
                    text.AppendLine(value);
                    continue;
                case byte[] bytes:
                    text.AppendLine(Convert.ToHexString(bytes));
                    continue;
                case TokenDigest digest:
                    // Its bytes are inline (an inline array, which reflection shows as one byte): read them whole.
                    text.AppendLine(Convert.ToHexString(digest.Bytes));
                    continue;
                case MemberInfo or Delegate or Pointer:
                    continue;
            }

            if (type.IsPrimitive || type.IsEnum || item is decimal or DateTime or DateTimeOffset or TimeSpan or Guid)
            {
                text.AppendLine(Convert.ToString(item, CultureInfo.InvariantCulture));
                continue;
            }

            if (!type.IsValueType && !seen.Add(item))
            {
                continue;
            }

            if (item is Array array)
            {
                if (!type.GetElementType()!.IsPrimitive)
                {
                    foreach (var element in array)
                    {
                        if (element is not null)
                        {
                            pending.Push(element);
                        }
                    }
                }

                continue;
            }

            for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
            {
                foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsPointer && field.GetValue(item) is { } value)
                    {
                        pending.Push(value);
                    }
                }
            }
        }

        return text.ToString();
    }
}
