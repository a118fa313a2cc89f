package io.kintonemigrator.kintone;

import org.jspecify.annotations.Nullable;

/** What {@code app.json} says about an app. */
public record AppInfo(AppId appId, String name, @Nullable String spaceId) {
}
