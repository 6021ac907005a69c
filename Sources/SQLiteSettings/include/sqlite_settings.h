#ifndef SWITCHBOARD_SQLITE_SETTINGS_H
#define SWITCHBOARD_SQLITE_SETTINGS_H

/// Turns on SQLite's query planner stability guarantee for a connection: plans no
/// longer depend on bound values, so a kept statement is never prepared again
/// because a new value was bound. (`sqlite3_db_config` is variadic, which Swift
/// cannot call.) Returns an SQLite status code.
int switchboard_sqlite_stable_plans(void *connection);

#endif
