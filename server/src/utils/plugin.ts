import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';
import type controllers from '../controllers';
import type services from '../services';

/** Each service's own type, from its factory: a call site and go-to-definition see the real methods. */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

/** The plugin's service by name, typed; the one way server code reaches another service. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];

/** The plugin's configuration, as config/index.ts validated and defaulted it at start-up. */
export const getConfig = (strapi: Core.Strapi): PluginConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

export type Controllers = { [Name in keyof typeof controllers]: ReturnType<(typeof controllers)[Name]> };

/** The plugin's controller by name, typed: for the fast paths, which call a route's handler themselves. */
export const getController = <Name extends keyof Controllers>(strapi: Core.Strapi, name: Name): Controllers[Name] =>
  strapi.plugin(PLUGIN_ID).controller(name) as unknown as Controllers[Name];
