'use strict';

/**
 * A database of its own for one run of the playground (a test file, a benchmark, the consumer test): a SQLite
 * file in the given folder, a fresh PostgreSQL schema or a fresh MariaDB database, named with the given prefix.
 * Connection settings come from the DATABASE_* variables the playground's config reads, with the defaults of
 * the databases on this machine kind. One home for what the tests and the bench both need.
 */
const { randomBytes } = require('node:crypto');
const path = require('node:path');

const pgOptions = () => ({
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || '',
  database: process.env.DATABASE_NAME || 'test',
});

const mysqlOptions = () => ({
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 3306),
  user: process.env.DATABASE_USERNAME || 'root',
  password: process.env.DATABASE_PASSWORD || '',
});

async function pgQuery(sql) {
  const { Client } = require('pg');
  const client = new Client({ ...pgOptions(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function mysqlQuery(sql) {
  const mysql = require('mysql2/promise');
  const connection = await mysql.createConnection({ ...mysqlOptions(), connectTimeout: 10_000 });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/**
 * Creates the database. Resolves with the environment that points the playground at it (`env`), how to reach
 * it with knex (`connection`, and `searchPath` on PostgreSQL) and `drop()`, which removes it (a SQLite file is
 * left to whoever removes `sqliteDir`).
 */
async function isolateDatabase(client, { prefix, sqliteDir }) {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (client === 'sqlite') {
    const filename = path.join(sqliteDir, 'data.db');
    return { env: { DATABASE_FILENAME: filename }, connection: { filename }, drop: async () => {} };
  }
  if (client === 'postgres') {
    await pgQuery(`CREATE SCHEMA ${name}`);
    return { env: { DATABASE_SCHEMA: name }, connection: pgOptions(), searchPath: name, drop: () => pgQuery(`DROP SCHEMA ${name} CASCADE`) };
  }
  if (client === 'mysql') {
    await mysqlQuery(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return {
      env: { DATABASE_NAME: name },
      connection: { ...mysqlOptions(), database: name },
      drop: () => mysqlQuery(`DROP DATABASE ${name}`),
    };
  }
  throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql, not "${client}"`);
}

module.exports = { isolateDatabase, pgOptions };
