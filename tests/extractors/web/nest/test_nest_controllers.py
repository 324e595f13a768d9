"""Golden tests: NestJS controllers and their routes, one idiom each."""

from __future__ import annotations

from nest_helpers import endpoint, extract, fact_lines, router

from threatdelta.model import FactKind, RouterRef, Tri


def test_controller_prefix_is_the_router_prefix_and_method_paths_are_templates() -> None:
    fragment = extract(
        """
        import { Controller, Get, Post } from '@nestjs/common';

        @Controller('users')
        export class UsersController {
          @Get(':id')
          findOne() {}

          @Post()
          create() {}
        }
        """
    )
    decl = router(fragment, "UsersController")
    assert decl.prefix == "users"
    assert decl.ref == RouterRef(module="src/users/users.controller", name="UsersController")
    assert endpoint(fragment, "GET", "{id}").handler_name == "findOne"
    create = endpoint(fragment, "POST", "")
    assert create.handler is not None and create.handler.start_line == 8
    assert all(r.router == decl.ref for r in fragment.endpoints)


def test_controller_path_option_and_all_decorator() -> None:
    fragment = extract(
        """
        import { All, Controller } from '@nestjs/common';

        @Controller({ path: 'hooks', version: '1' })
        export class HooksController {
          @All('stripe')
          receive() {}
        }
        """
    )
    assert router(fragment, "HooksController").prefix == "hooks"
    assert endpoint(fragment, "ANY", "stripe").sources == ("nestjs",)


def test_class_guard_authenticates_the_controller_with_the_passport_strategy() -> None:
    fragment = extract(
        """
        import { Controller, Get, UseGuards } from '@nestjs/common';
        import { AuthGuard } from '@nestjs/passport';

        @UseGuards(AuthGuard('jwt'))
        @Controller('orders')
        export class OrdersController {
          @Get()
          list() {}
        }
        """
    )
    decl = router(fragment, "OrdersController")
    assert (decl.authentication, decl.auth_schemes, decl.guards) == (
        Tri.YES,
        ("jwt",),
        ("AuthGuard",),
    )
    assert endpoint(fragment, "GET", "").authentication is Tri.NO  # the route adds no guard


def test_method_guard_and_roles_guard_on_one_route() -> None:
    fragment = extract(
        """
        import { Controller, Delete, UseGuards } from '@nestjs/common';

        @Controller('admin')
        export class AdminController {
          @UseGuards(JwtAuthGuard, RolesGuard)
          @Delete(':id')
          remove() {}
        }
        """
    )
    ep = endpoint(fragment, "DELETE", "{id}")
    assert ep.authentication is Tri.YES
    assert ep.guards == ("JwtAuthGuard", "RolesGuard")
    assert ep.object_authorization is Tri.YES


def test_public_decorator_is_a_bypass_fact_and_authentication_no() -> None:
    fragment = extract(
        """
        import { Controller, Post } from '@nestjs/common';
        import { Public } from '../auth/public.decorator';

        @Controller('signup')
        export class SignupController {
          @Public()
          @Post()
          create() {}
        }
        """
    )
    ep = endpoint(fragment, "POST", "")
    assert ep.authentication is Tri.NO
    assert fact_lines(ep, FactKind.AUTH_BYPASS) == [("Public", 6, "no")]
    assert ep.handler is not None and ep.handler.start_line == 6


def test_set_metadata_is_public_key_is_a_bypass() -> None:
    fragment = extract(
        """
        import { Controller, Get, SetMetadata } from '@nestjs/common';

        @SetMetadata(IS_PUBLIC_KEY, true)
        @Controller('catalog')
        export class CatalogController {
          @Get()
          list() {}
        }
        """
    )
    ep = endpoint(fragment, "GET", "")
    assert fact_lines(ep, FactKind.AUTH_BYPASS) == [("SetMetadata", 3, "no")]


def test_throttle_and_skip_throttle() -> None:
    fragment = extract(
        """
        import { Controller, Post } from '@nestjs/common';
        import { SkipThrottle, Throttle } from '@nestjs/throttler';

        @Controller('auth')
        export class AuthController {
          @Throttle({ default: { limit: 5, ttl: 60000 } })
          @Post('login')
          login() {}

          @SkipThrottle()
          @Post('refresh')
          refresh() {}
        }
        """
    )
    assert endpoint(fragment, "POST", "login").rate_limited is Tri.YES
    refresh = endpoint(fragment, "POST", "refresh")
    assert refresh.rate_limited is Tri.NO
    assert fact_lines(refresh, FactKind.THROTTLE_SKIPPED) == [("SkipThrottle", 10, "no")]
